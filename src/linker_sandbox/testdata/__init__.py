"""The sandbox's test data: the people, the test PKI (NHS-shaped CAs and card
certificates) and the identity provider's token-signing keys."""
