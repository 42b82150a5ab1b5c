"""What every handler shares about HTTP: reading and checking the body, the credentials of
a request, and the JSON answer."""
