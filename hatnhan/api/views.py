"""The OpenAPI schema and its documentation page, for signed-in users only.

The page is Swagger UI from drf-spectacular-sidecar (files served by this app, never a
CDN). Its start-up script is fetched as a separate file (the "split" view) and its one
inline style carries the CSP nonce, so the page works under the site's strict CSP.
"""

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import IsAuthenticated


class SchemaView(SpectacularAPIView):
    permission_classes = [IsAuthenticated]


class DocsView(SpectacularSwaggerSplitView):
    permission_classes = [IsAuthenticated]
    template_name = "api/swagger_ui.html"
    title = "hatnhan API"
