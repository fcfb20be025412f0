"""Two PKCS#11 calls python-pkcs11 does not offer, made through ctypes.

- C_GetTokenInfo with ``ulMinPinLen``/``ulMaxPinLen`` (python-pkcs11's Token drops them),
  re-read fresh for the PIN counters (COUNT_LOW / FINAL_TRY / LOCKED).
- C_Login straight from a ``bytearray`` so the PIN never becomes an immutable
  ``str``/``bytes`` copy that could not be wiped.

The module is the same shared object python-pkcs11 loaded and initialised
(dlopen/LoadLibrary return the same instance), so both share slots and sessions.
"""

from __future__ import annotations

import ctypes
import sys
from dataclasses import dataclass

IS_WINDOWS = sys.platform.startswith("win")
CK_ULONG = ctypes.c_uint32 if IS_WINDOWS else ctypes.c_ulong
CK_RV = CK_ULONG
_PACK = 1 if IS_WINDOWS else 0  # Windows PKCS#11 headers pack structures to 1 byte

CKF_PROTECTED_AUTHENTICATION_PATH = 0x100
CKF_USER_PIN_COUNT_LOW = 0x10000
CKF_USER_PIN_FINAL_TRY = 0x20000
CKF_USER_PIN_LOCKED = 0x40000
CKU_USER = 1

# Return values we act on.
CKR_OK = 0x0
CKR_DEVICE_ERROR = 0x30
CKR_DEVICE_REMOVED = 0x32
CKR_FUNCTION_CANCELED = 0x50
CKR_PIN_INCORRECT = 0xA0
CKR_PIN_INVALID = 0xA1
CKR_PIN_LEN_RANGE = 0xA2
CKR_PIN_EXPIRED = 0xA3
CKR_PIN_LOCKED = 0xA4
CKR_SESSION_CLOSED = 0xB0
CKR_SESSION_HANDLE_INVALID = 0xB3
CKR_TOKEN_NOT_PRESENT = 0xE0
CKR_TOKEN_NOT_RECOGNIZED = 0xE1
CKR_USER_ALREADY_LOGGED_IN = 0x100
CKR_USER_NOT_LOGGED_IN = 0x101
CKR_SLOT_ID_INVALID = 0x3


class CkVersion(ctypes.Structure):
    _pack_ = _PACK
    _fields_ = (("major", ctypes.c_ubyte), ("minor", ctypes.c_ubyte))


class CkTokenInfo(ctypes.Structure):
    _pack_ = _PACK
    _fields_ = (
        ("label", ctypes.c_char * 32),
        ("manufacturerID", ctypes.c_char * 32),
        ("model", ctypes.c_char * 16),
        ("serialNumber", ctypes.c_char * 16),
        ("flags", CK_ULONG),
        ("ulMaxSessionCount", CK_ULONG),
        ("ulSessionCount", CK_ULONG),
        ("ulMaxRwSessionCount", CK_ULONG),
        ("ulRwSessionCount", CK_ULONG),
        ("ulMaxPinLen", CK_ULONG),
        ("ulMinPinLen", CK_ULONG),
        ("ulTotalPublicMemory", CK_ULONG),
        ("ulFreePublicMemory", CK_ULONG),
        ("ulTotalPrivateMemory", CK_ULONG),
        ("ulFreePrivateMemory", CK_ULONG),
        ("hardwareVersion", CkVersion),
        ("firmwareVersion", CkVersion),
        ("utcTime", ctypes.c_char * 16),
    )


_FUNC = ctypes.WINFUNCTYPE if IS_WINDOWS else ctypes.CFUNCTYPE  # type: ignore[attr-defined,unused-ignore]
_GetTokenInfo = _FUNC(CK_RV, CK_ULONG, ctypes.POINTER(CkTokenInfo))
_Login = _FUNC(CK_RV, CK_ULONG, CK_ULONG, ctypes.c_void_p, CK_ULONG)
_Logout = _FUNC(CK_RV, CK_ULONG)

# Order of CK_FUNCTION_LIST after its CK_VERSION (PKCS#11 2.40 §5).
_INDEX_GET_TOKEN_INFO = 6
_INDEX_LOGIN = 18
_INDEX_LOGOUT = 19


class RawCallError(Exception):
    def __init__(self, rv: int) -> None:
        super().__init__(f"PKCS#11 error 0x{rv:08X}")
        self.rv = rv


@dataclass(frozen=True)
class RawTokenInfo:
    flags: int
    min_pin: int
    max_pin: int


class RawModule:
    """The function pointers of an already loaded and initialised module."""

    def __init__(self, path: str) -> None:
        loader = ctypes.WinDLL if IS_WINDOWS else ctypes.CDLL  # type: ignore[attr-defined,unused-ignore]
        self._dll = loader(path)
        table = ctypes.POINTER(ctypes.c_void_p)()
        get_list = self._dll.C_GetFunctionList
        get_list.restype = CK_RV
        get_list.argtypes = (ctypes.POINTER(ctypes.POINTER(ctypes.c_void_p)),)
        rv = get_list(ctypes.byref(table))
        if rv != CKR_OK:
            raise RawCallError(rv)
        # The table starts with a 2-byte CK_VERSION, padded to pointer alignment
        # (or packed on Windows): function pointers follow.
        base = ctypes.cast(table, ctypes.c_void_p).value or 0
        offset = 2 if IS_WINDOWS else ctypes.sizeof(ctypes.c_void_p)

        def fn(index: int) -> int:
            address = base + offset + index * ctypes.sizeof(ctypes.c_void_p)
            return ctypes.c_void_p.from_address(address).value or 0

        self._get_token_info = _GetTokenInfo(fn(_INDEX_GET_TOKEN_INFO))
        self._login = _Login(fn(_INDEX_LOGIN))
        self._logout = _Logout(fn(_INDEX_LOGOUT))

    def token_info(self, slot_id: int) -> RawTokenInfo:
        info = CkTokenInfo()
        rv = self._get_token_info(slot_id, ctypes.byref(info))
        if rv != CKR_OK:
            raise RawCallError(rv)
        return RawTokenInfo(int(info.flags), int(info.ulMinPinLen), int(info.ulMaxPinLen))

    def login(self, session: int, pin: bytearray | None) -> None:
        """C_Login as the user; ``pin`` None uses the reader's PIN pad."""
        if pin is None:
            rv = self._login(session, CKU_USER, None, 0)
        else:
            buffer = (ctypes.c_ubyte * len(pin)).from_buffer(pin)  # shares pin's memory
            try:
                rv = self._login(session, CKU_USER, ctypes.addressof(buffer), len(pin))
            finally:
                del buffer  # release the export so the caller can wipe/resize pin
        if rv not in (CKR_OK, CKR_USER_ALREADY_LOGGED_IN):
            raise RawCallError(rv)

    def logout(self, session: int) -> None:
        self._logout(session)
