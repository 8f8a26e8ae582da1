"""The write side: small services that validate, write in one transaction and commit explicitly."""
