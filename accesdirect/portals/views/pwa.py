"""What makes the job seekers' app installable on a phone (a PWA): its manifest, its service
worker and the page shown without network.

The service worker never keeps a person's pages: a phone may be shared, and what the person
sees (offers, reservations) must be current. It keeps only the offline page and the app's own
static files, and shows that page when a navigation fails for want of network."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

# Bumped when the cached files change: the new worker then drops the old cache.
CACHE_NAME = "acces-direct-app-v1"


@login_not_required
@require_GET
@cache_control(max_age=86400, public=True)
def manifest(request):
    home = reverse("seeker_app:home")
    data = {
        "name": "Accès Direct",
        "short_name": "Accès Direct",
        "description": "Les offres d'emploi près de chez vous, réservées en un clic.",
        "lang": "fr",
        "start_url": home,
        "scope": home,
        "display": "standalone",
        "background_color": "#f6f6f9",
        "theme_color": "#1f4e8c",
        "icons": [
            {
                "src": static(f"portals/icons/icon-{size}.png"),
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": "any maskable",
            }
            for size in (192, 512)
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json")


_SERVICE_WORKER = """// Accès Direct, the job seekers' app: offline page only, never a person's pages.
const CACHE = "%(cache)s";
const OFFLINE = "%(offline)s";
const FILES = [OFFLINE, %(files)s];
self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim())
  );
});
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(() => caches.match(OFFLINE)));
    return;
  }
  if (FILES.includes(new URL(request.url).pathname)) {
    event.respondWith(caches.match(request).then((kept) => kept || fetch(request)));
  }
});
"""


@login_not_required
@require_GET
@cache_control(no_cache=True)
def service_worker(request):
    files = ", ".join(
        f'"{static(path)}"'
        for path in ("portals/portals.css", "portals/app.js", "portals/icons/icon-192.png")
    )
    body = _SERVICE_WORKER % {"cache": CACHE_NAME, "offline": reverse("seeker_app:offline"), "files": files}
    return HttpResponse(body, content_type="text/javascript; charset=utf-8")


@login_not_required
@require_GET
def offline(request):
    return render(request, "portals/app/offline.html")
