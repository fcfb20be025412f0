"""The report as text (``--diagnose``, "Copy diagnostics") and as JSON, both already masked."""

from __future__ import annotations

import json
from typing import Any

from smartcard_linker.diagnostics.model import Report
from smartcard_linker.diagnostics.privacy import scrub

_MARK = {"ok": "OK     ", "warning": "WARNING", "problem": "PROBLEM"}


def report_json(report: Report) -> dict[str, Any]:
    """The JSON document (schema.json), every Care Identity number masked."""
    data: dict[str, Any] = scrub(report.to_json())
    return data


def as_json_text(report: Report) -> str:
    return json.dumps(report_json(report), indent=2, ensure_ascii=False)


def _value(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "(not set)"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


_EMPTY: dict[str, Any] = {
    "app": {},
    "system": {},
    "settings": [],
    "service": {"state": "not checked"},
    "readers": [],
    "modules": [],
    "tokens": [],
    "network": {"proxy": {}, "targets": []},
    "last_journey": None,
}


def as_text(report: Report) -> str:
    data = _EMPTY | report_json(report)  # a report of only some sections still renders
    lines: list[str] = []
    for section in (_summary, _cards, _tokens, _network, _journey_and_settings, _extensions):
        lines += section(data)
    return "\n".join(lines) + "\n"


def _summary(data: dict[str, Any]) -> list[str]:
    app, system = data["app"], data["system"]
    verdict = "healthy" if data["healthy"] else "PROBLEMS FOUND"
    lines = [
        f"Smartcard Linker diagnostics: {verdict}",
        f"Generated {data['generated_at']} in {data['duration_ms']} ms",
        f"App {app.get('version', '?')} ({app.get('build', '?')}); {system.get('os', '?')}; "
        f"Python {system.get('python', '?')}; {system.get('qt') or 'Qt not available'}",
        "",
        "Checks",
    ]
    for check in data["checks"]:
        lines.append(f"  [{_MARK[check['status']]}] {check['summary']}")
        if check["detail"]:
            lines.append(f"            {check['detail']}")
    if data.get("incomplete"):
        lines.append(f"  not finished in time: {', '.join(data['incomplete'])}")
    return lines


def _cards(data: dict[str, Any]) -> list[str]:
    service = data["service"]
    lines = ["", "Smart card service", f"  {service.get('state')}: {service.get('detail', '')}"]
    lines.append("Readers")
    if not data["readers"]:
        lines.append("  (none)")
    for reader in data["readers"]:
        pad = {True: "PIN pad", False: "no PIN pad", None: "PIN pad unknown"}[reader["pin_pad"]]
        lines.append(f"  {reader['name']}: {reader['state']}, {pad}")
        card = reader.get("card")
        if card:
            nhs = "NHS Smartcard" if card["nhs_smartcard"] else "not an NHS Smartcard"
            lines.append(f"    ATR {card['atr']}")
            lines.append(f"    {card['series_hint']}: {nhs} ({card['why']})")
    lines.append("PKCS#11 modules")
    for module in data["modules"]:
        if module["loaded"]:
            state = (
                f"loaded: {module['description']} {module['version']} ({module['manufacturer']})"
            )
        elif module["error"]:
            state = f"failed: {module['error']}"
        else:
            state = "present" if module["exists"] else "not found"
        lines.append(f"  {module['path']} [{module['source']}]: {state}")
    return lines


def _tokens(data: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    for token in data["tokens"]:
        lines.append(f"Token in {token['reader']}: {token['label'] or '(no label)'}")
        if token["error"]:
            lines.append(f"  {token['error']['code']}: {token['error']['message']}")
        pin = token["pin"]
        if pin:
            tries = pin["tries_left"]
            lines.append(
                f"  PIN {pin['min_length']}-{pin['max_length']} characters; "
                f"{'PIN pad; ' if pin['pin_pad'] else ''}"
                f"{'locked' if pin['locked'] else 'not locked'}; tries left: "
                f"{tries if tries is not None else 'not low'}"
            )
        cert = token["certificate"]
        if cert:
            chain = cert["chain"]
            trusted = f" to {chain['trusted_root']} ({chain['trust_source']})"
            lines += [
                f"  Certificate {cert['subject']} (Care Identity {cert['care_identity']})",
                f"    issued by {cert['issuer']}",
                f"    valid to {cert['not_after']} ({cert['days_left']} days left)",
                f"    chain: {chain['status']}" + (trusted if chain["trusted_root"] else ""),
            ]
    return lines


def _network(data: dict[str, Any]) -> list[str]:
    lines = ["Network"]
    for key, value in data["network"]["proxy"].items():
        lines.append(f"  proxy {key}: {value}")
    for target in data["network"]["targets"]:
        via = f" via proxy {target['proxy']}" if target["proxy"] else ""
        lines.append(f"  {target['name']} {target['url']}{via}")
        for step in target["steps"]:
            lines.append(
                f"    {step['step'].upper():4} {step['status']:7} {step['duration_ms']:5} ms  "
                f"{step['detail']}"
            )
        if target["clock_skew_s"] is not None:
            lines.append(f"    clock skew {target['clock_skew_s']:+.1f} s")
    return lines


def _journey_and_settings(data: dict[str, Any]) -> list[str]:
    last = data["last_journey"]
    lines = ["Last journey"]
    if last:
        lines.append(
            f"  {last['outcome']} at {last['time']}: code {_value(last['code'])}, step "
            f"{_value(last['step'])}, request id {_value(last['request_id'])}, reference "
            f"{_value(last['reference'])}"
        )
    else:
        lines.append("  (none in the log)")
    lines.append("Settings (value <- source)")
    for item in data["settings"]:
        lock = " [locked by policy]" if item["locked"] else ""
        lines.append(f"  {item['key']} = {_value(item['value'])} <- {item['source']}{lock}")
    return lines


def _extensions(data: dict[str, Any]) -> list[str]:
    """Sections added by extension providers, as compact JSON under their name."""
    lines: list[str] = []
    for key, value in data.items():
        if key not in _KNOWN:
            lines += [
                key.replace("_", " ").capitalize(),
                f"  {json.dumps(value, ensure_ascii=False)}",
            ]
    return lines


_KNOWN = frozenset(
    {
        *("schema", "generated_at", "duration_ms", "healthy", "checks", "app", "system"),
        *("settings", "service", "readers", "modules", "tokens", "network", "last_journey"),
        "incomplete",
    }
)
