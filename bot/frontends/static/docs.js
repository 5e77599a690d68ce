// Swagger UI from the files the server ships (no CDN), reading this server's own OpenAPI description.
"use strict";

window.ui = SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true});
