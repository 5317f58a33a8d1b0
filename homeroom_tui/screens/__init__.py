"""One module per screen; screens stay thin and call program and store code."""
