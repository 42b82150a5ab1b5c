"""Domain rules of the emulator, one module per area. Route modules call these; these
call the storage layer. Nothing here knows about HTTP requests."""
