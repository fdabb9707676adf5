"""Default settings.  Names follow Lona's where the meaning carries over."""

from typing import Any

# routing and views
ROUTING_TABLE = None  # project mode: import string ('pkg.module.routes', 'file.py::routes')
ROUTING_NAME_CACHE_MAX_SIZE = 1000  # route names remembered by the router
ROUTING_RESOLVE_CACHE_MAX_SIZE = 1000  # resolved paths remembered
ROUTING_REVERSE_CACHE_MAX_SIZE = 1000  # reversed URLs remembered
FRONTEND_VIEW = None  # a view that renders the page live views start in
ERROR_403_VIEW = None  # a view shown for ForbiddenError (else ERROR_403_TEMPLATE)
ERROR_404_VIEW = None  # a view shown when no route matches (else the template)
ERROR_500_VIEW = None  # a view shown when view code raises (else the template)
INITIAL_SERVER_STATE: dict[str, Any] = {}  # what server.state starts with
STOP_DAEMON_WHEN_VIEW_FINISHES = True  # Lona's default; False keeps finished daemons
CLIENT_VERSION = 1  # Lona's: 1 makes HTML() a legacy widget, 2 the node itself (lona.compat)
USE_FUTURE_NODE_CLASSES = False  # parse <select> as Select2, <option> as Option2, ...

# templates and static files
TEMPLATE_DIRS: list[Any] = []  # folders of templates, before the core's own
FRONTEND_TEMPLATE = "lona/frontend.html"  # the page around live views
ERROR_403_TEMPLATE = "lona/403.html"  # shown for 403 without ERROR_403_VIEW
ERROR_404_TEMPLATE = "lona/404.html"  # shown for 404 without ERROR_404_VIEW
ERROR_500_TEMPLATE = "lona/500.html"  # shown for 500 without ERROR_500_VIEW
TEMPLATE_EXTRA_CONTEXT: dict[str, Any] = {}  # variables every template sees
TEMPLATE_EXTRA_FILTERS: dict[str, Any] = {}  # Jinja2 filters every template has
STATIC_URL_PREFIX = "/static/"  # where static files are served
STATIC_DIRS: list[Any] = []  # folders of static files, before the core's own
STATIC_FILES_SERVE = True  # False: a web server in front serves them (collect-static)
STATIC_FILES_ENABLED: list[str] = []  # names of STATIC_FILES that are off by default
STATIC_FILES_DISABLED: list[str] = []  # names of STATIC_FILES to turn off
# templates of what Lona.load_stylesheets() and Lona.load_scripts() put into pages
STATIC_FILES_STYLE_TAGS_TEMPLATE = "lona/style_tags.html"
STATIC_FILES_SCRIPT_TAGS_TEMPLATE = "lona/script_tags.html"
# searched after TEMPLATE_DIRS and STATIC_DIRS, before the core's own (Lona's names)
CORE_TEMPLATE_DIRS: list[Any] = []
CORE_STATIC_DIRS: list[Any] = []
BUCKETS_URL_PREFIX = "/buckets/"  # where upload buckets are served
# False (Lona's model): a bucket's unguessable URL is enough to use it; True: also
# only the user of the request that opened it (others get 403); see docs/security.md
BUCKETS_SAME_USER_ONLY = False
# the limits of a Bucket(request) that sets none itself (Lona's has none); 0: no limit
BUCKETS_MAX_SIZE = 1024 * 1024  # bytes of all its files together (as MAX_HTTP_BODY_SIZE)
BUCKETS_MAX_FILES = 100  # files in a bucket that sets no limit itself; 0: no limit
BUCKETS_MAX_UPLOAD_PARTS = 100  # parts (files and form fields) of one upload
BUCKETS_MAX_TOTAL_SIZE = 1024**3  # bytes uploaded into all open buckets together

# sessions and users
SESSIONS = True  # a session cookie per visitor (anonymous users, page tokens)
SESSIONS_KEY_NAME = "lona_session"  # the session cookie's name
# Lona's; sessions are the core's here (lona.security.sessions), so these have no effect
SESSIONS_KEY_GENERATOR = "lona.middlewares.sessions.generate_session_key"
SESSIONS_KEY_RANDOM_LENGTH = 28
SESSIONS_REUSE = True
SECRET_KEY = None  # signs page tokens; set it (the same) for several processes
REQUIRE_PAGE_TOKEN = True  # a socket starts views only with its page's token

# the browser client
CLIENT_DEBUG = False  # Lona's: the browser client logs what it does (Lona.settings.DEBUG)
CLIENT_TITLE = "Lona"  # the page title while a view sets none
CLIENT_VIEW_START_TIMEOUT = 2  # seconds until "waiting for server" shows
CLIENT_INPUT_EVENT_TIMEOUT = 2  # seconds until Lona's input event timeout hooks (or html.lona-busy)
CLIENT_PROGRESS_DELAY = 0.3  # seconds an event runs before the progress indicator shows; 0: never
CLIENT_PING_INTERVAL = 30  # seconds; 0 disables application pings
CLIENT_AUTO_RECONNECT = True  # pages reconnect by themselves after a drop
CLIENT_AUTO_RECONNECT_TIMEOUT = 250  # first reconnect delay in ms; doubles up to 5 s

# resuming: a window whose socket dropped gets its view back as it was
RESUME_TIMEOUT = 60.0  # seconds a view waits for its window's socket to come back (0: none)
RESUME_BUFFER_SIZE = 512 * 1024  # characters of unconfirmed messages kept per window

# first content: a page load starts its view and shows it (0 turns it off)
FIRST_CONTENT_TIMEOUT = 0.5  # seconds a page load waits for its view to show something
PRESTARTED_VIEW_TIMEOUT = 30.0  # seconds such a view waits for the page's websocket
# views of page loads waiting for their websockets, all sessions together; beyond
# it a page loads empty and its view starts with the websocket; 0 for no limit
MAX_PAGE_LOAD_VIEWS = 1000

# limits (the same on every adapter)
MAX_MESSAGE_SIZE = 1024 * 1024  # bytes; larger incoming messages close with 1009
MAX_HTTP_BODY_SIZE = 1024 * 1024  # bytes of a body read whole (forms); larger: 413
AIOHTTP_CLIENT_MAX_SIZE = 1024**2  # Lona's name; no effect here: MAX_HTTP_BODY_SIZE counts
MAX_URL_LENGTH = 16 * 1024  # characters of path and query; longer: 414
MAX_HEADER_SIZE = 32 * 1024  # bytes of all request headers; larger: 431
# seconds a client has to send a request's head (standalone servers; also how
# long an idle keep-alive connection stays open); a slower one is closed
HTTP_HEADER_TIMEOUT = 10.0
MAX_PENDING_MESSAGES = 2000  # outgoing messages queued per connection before disconnecting
MAX_PENDING_BYTES = 4 * 1024 * 1024  # bytes of outgoing messages queued per connection, the same
# every message a client sends counts (a VIEW as 10); over it the socket closes with 1008
MAX_MESSAGES_PER_SECOND = 500
MAX_VIEWS_PER_SESSION = 100  # running views of one user; 0 for no limit
# sync views whose handle_request runs (each holds a thread), all sessions
# together; one more gets TOO_MANY_VIEWS; 0 for no limit
MAX_SYNC_VIEWS = 1000
MAX_INPUT_EVENTS_PER_SECOND = 100  # per connection; 0 for no limit

# runtime
THREAD_IDLE_TIMEOUT = 10.0  # seconds an idle view thread lives before it retires
WORKER_THREADS = 2  # short view code (event handlers) running at once; the rest queue in order
WORKER_STALL_TIMEOUT = 0.05  # seconds a blocked queue waits before its jobs get threads
VIEW_THREAD_STACK_SIZE = 512 * 1024  # bytes of stack for our view threads; 0: the process default
SHUTDOWN_TIMEOUT = 5.0  # seconds views get to finish after ServerStop
# seconds the event loop may be blocked (a blocking call in an async view)
# before a warning names the view and the line; 0 turns the watch off
LOOP_BLOCK_WARNING = 0.5
# Lona's fixed thread pools; accepted for compatibility, not needed here
MAX_RUNTIME_THREADS = None
MAX_WORKER_THREADS = None
MAX_STATIC_THREADS = None

# middlewares (core ones run first)
CORE_MIDDLEWARES: list[Any] = []  # middlewares run before MIDDLEWARES
MIDDLEWARES: list[Any] = []  # middleware classes or import strings, in order

# channels
CHANNEL_BACKEND = "memory://"  # "redis://host:6379/0": channels across processes

# websocket security
ALLOWED_ORIGINS: list[Any] = []  # other origins whose pages may open websockets
# hosts this app answers for ("example.com", "example.com:8443", ".example.com"
# for the domain and its subdomains); empty: any host (set it in production)
ALLOWED_HOSTS: list[str] = []
# proxies whose X-Forwarded-Host and X-Forwarded-Proto count; "*": any
TRUSTED_PROXIES: list[str] = ["127.0.0.1", "::1"]

# development
# debug mode: a handler's or a view's exception shows in the page with its
# traceback (the view keeps running), HTTP errors get a traceback page; for
# development only: it shows code and data to whoever loads a page (--debug)
DEBUG = False
ACCESS_LOG = True  # app.run() logs one line per request (lona.access); embedded: never
SLOW_HANDLER_WARNING = 1.0  # seconds; a longer input event handler is logged; 0: never
