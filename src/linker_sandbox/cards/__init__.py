"""The virtual smartcards: the card emulators vpcd talks to, and the card commands
(insert, remove, list) a running sandbox answers."""
