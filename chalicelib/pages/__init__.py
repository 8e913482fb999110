"""Server-rendered HTML pages (Hindi first, English switch) for citizens and the call centre;
light enough for a cheap phone on a slow network, and working without JavaScript."""
