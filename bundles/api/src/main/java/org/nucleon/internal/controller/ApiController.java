package org.nucleon.internal.controller;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.nucleon.api.context.RequestContext;
import org.nucleon.api.error.NeutronException;
import org.nucleon.api.extension.AttributeDefinition;
import org.nucleon.api.extension.ExtensionDescriptor;
import org.nucleon.api.plugin.MemberSubResource;
import org.nucleon.api.plugin.MemberSubResource.Operation;
import org.nucleon.api.plugin.ResourceHandler;
import org.nucleon.api.query.ListQuery;
import org.nucleon.api.quota.QuotaEngine;
import org.nucleon.internal.callback.SubscriberDeparted;
import org.nucleon.internal.policy.PolicyRules;
import org.nucleon.internal.registry.ApiSnapshot;
import org.nucleon.internal.registry.Route;
import org.nucleon.internal.registry.RouteMatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one generic controller: resolves a request against the current snapshot and runs
 * Neutron's semantics for every collection, whatever plugin serves it.
 */
public final class ApiController {
    private static final Logger LOG = LoggerFactory.getLogger(ApiController.class);
    private static final String VERSION = "v2.0";
    /** Neutron's order of the core resources in {@code GET /v2.0/}. */
    private static final List<String> CORE_ORDER = List.of("networks", "subnets", "subnetpools", "ports");
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    /** How long a failed handler may take to leave; DS deactivation is slow on a loaded machine. */
    private static final long HANDLER_DEPARTURE_WAIT_NANOS = 10_000_000_000L;
    /** How long a request that lost its handler waits for a restarted one before it is answered 404. */
    private static final long HANDLER_RETURN_WAIT_NANOS = 5_000_000_000L;

    private final Supplier<ApiSnapshot> snapshots;
    private final Predicate<List<String>> restarting;
    private final Supplier<ApiConfig> config;
    private final Authenticator authenticator;
    private final Supplier<PolicyRules> policy;
    private final Supplier<QuotaEngine> quotas;

    /** With Neutron's default policy and no quota enforcement. */
    public ApiController(Supplier<ApiSnapshot> snapshots, Supplier<ApiConfig> config, Authenticator authenticator) {
        this(snapshots, config, authenticator, PolicyRules::defaults);
    }

    /** Without quota enforcement. */
    public ApiController(Supplier<ApiSnapshot> snapshots, Supplier<ApiConfig> config, Authenticator authenticator,
            Supplier<PolicyRules> policy) {
        this(snapshots, config, authenticator, policy, () -> null);
    }

    /**
     * @param policy the policy rules in force, read per request (they change with the policy file)
     * @param quotas the quota engine now registered, or null: then nothing is enforced
     */
    public ApiController(Supplier<ApiSnapshot> snapshots, Supplier<ApiConfig> config, Authenticator authenticator,
            Supplier<PolicyRules> policy, Supplier<QuotaEngine> quotas) {
        this(snapshots, config, authenticator, policy, quotas, segments -> false);
    }

    /**
     * @param restarting whether the path segments below {@code /v2.0} lead to a collection whose
     *                   handler left a moment ago while its bundle is to come back (a dependency of it
     *                   restarted, or the bundle is being updated): requests then wait for its return
     */
    public ApiController(Supplier<ApiSnapshot> snapshots, Supplier<ApiConfig> config, Authenticator authenticator,
            Supplier<PolicyRules> policy, Supplier<QuotaEngine> quotas, Predicate<List<String>> restarting) {
        this.restarting = restarting;
        this.snapshots = snapshots;
        this.config = config;
        this.authenticator = authenticator;
        this.policy = policy;
        this.quotas = quotas;
    }

    /**
     * Who is asking; builds Neutron's request context from the request's headers. Runs for every
     * request under {@code /v2.0}, as Neutron's auth filter wraps the whole v2.0 application; it
     * throws {@link Unauthorized} when the caller must authenticate.
     */
    @FunctionalInterface
    public interface Authenticator {
        RequestContext authenticate(ApiRequest request, String requestId);
    }

    public ApiResponse handle(ApiRequest req, String requestId) {
        return handle(req, requestId, true);
    }

    private ApiResponse handle(ApiRequest req, String requestId, boolean mayReplay) {
        ApiSnapshot snapshot = snapshots.get();
        try {
            try {
                return dispatch(snapshot, req, requestId);
            } catch (RuntimeException e) {
                if (!SubscriberDeparted.in(e)) {
                    throw e;
                }
                // rolled back before commit: served once more, as the API is without that subscriber
                LOG.debug("request raced with the removal of a callback subscriber: {} {}", req.method(),
                        req.path(), e);
                snapshot = snapshots.get();
                return dispatch(snapshot, req, requestId);
            }
        } catch (MethodNotAllowed e) {
            Map<String, String> allow = Map.of("Allow", String.join(", ", e.allowed()));
            // OPTIONS is answered for every route: what it allows, and nothing else.
            return req.method().equals("OPTIONS") ? new ApiResponse(200, null, allow)
                    : new ApiResponse(405, ApiResponse.error(e).body(), allow);
        } catch (Unauthorized e) {
            return new ApiResponse(401, ApiResponse.error(e).body(), Map.of("WWW-Authenticate", e.challenge()));
        } catch (NeutronException e) {
            if (mayReplay && e.status() == 503 && req.method().equals("GET") && servedByALeftHandler(snapshot, req)) {
                return handle(req, requestId, false);
            }
            return ApiResponse.error(e);
        } catch (RuntimeException e) {
            return unexpected(snapshot, req, requestId, e, mayReplay);
        }
    }

    /**
     * A read whose handler answered 503 because the plugin it uses left under it, as a restarting
     * bundle's components unbind their references after they were unregistered: when that handler
     * has already left and its route is served again by its successor, the read is made once more.
     * A write is not, as the 503 may come after its commit.
     */
    private boolean servedByALeftHandler(ApiSnapshot used, ApiRequest req) {
        List<String> segs = segments(req.path());
        List<String> rest = segs.isEmpty() ? segs : segs.subList(1, segs.size());
        RouteMatch before = used.match(rest);
        ResourceHandler h = before == null ? null : before.route().handler();
        RouteMatch now = snapshots.get().match(rest);
        return h != null && (now == null || now.route().handler() != h) && awaitReturn(rest);
    }

    /**
     * A handler that fails while its bundle is going away (its persistence unit closes a moment
     * before its service leaves) answers as the API is once it has left: 404, not 500. Anything
     * else is a bug: logged, and a 500 without internals.
     */
    private ApiResponse unexpected(ApiSnapshot used, ApiRequest req, String requestId, RuntimeException e,
            boolean mayReplay) {
        List<String> segs = segments(req.path());
        List<String> rest = segs.isEmpty() ? segs : segs.subList(1, segs.size());
        RouteMatch before = used.match(rest);
        ResourceHandler h = before == null ? null : before.route().handler();
        if (h != null && awaitRoute(rest, now -> now == null || now.route().handler() != h,
                HANDLER_DEPARTURE_WAIT_NANOS)) {
            LOG.debug("request raced with the removal of its handler: {} {}", req.method(), req.path(), e);
            // A handler that comes straight back was restarted, not removed: its persistence unit
            // went with the datasource under it (the transaction manager re-registers once early
            // after a restart). Its transaction failed before commit, so its successor serves it.
            if (mayReplay && awaitReturn(rest)) {
                return handle(req, requestId, false);
            }
            return ApiResponse.error(NeutronException.httpNotFound());
        }
        LOG.error("unexpected failure serving {} {}", req.method(), req.path(), e);
        return ApiResponse.internalError();
    }

    /**
     * Whether the route of the segments is served again after its handler left while its bundle was
     * to come back (restarted, or updated to a new revision); waits while that is still the case,
     * so a bundle uninstalled meanwhile ends the wait at once. A route already served again counts:
     * the request may have failed on, or looked up, the old handler after its successor came.
     */
    private boolean awaitReturn(List<String> segs) {
        // asked before the snapshot: restarting turns false the moment the route is served again
        boolean away = restarting.test(segs);
        return (away || served(snapshots.get().match(segs)))
                && awaitRoute(segs, now -> served(now) || !restarting.test(segs), HANDLER_RETURN_WAIT_NANOS)
                && served(snapshots.get().match(segs));
    }

    /** Waits, up to the given time, until the route of the segments is in the state wanted. */
    private boolean awaitRoute(List<String> segs, Predicate<RouteMatch> wanted, long nanos) {
        long deadline = System.nanoTime() + nanos;
        while (true) {
            if (wanted.test(snapshots.get().match(segs))) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private static boolean served(RouteMatch m) {
        return m != null && m.route().handler() != null;
    }

    private ApiResponse dispatch(ApiSnapshot snapshot, ApiRequest req, String requestId) {
        List<String> segs = segments(req.path());
        if (segs.isEmpty()) {
            allow(req, "GET");
            return ApiResponse.of(200, versions(req));
        }
        if (!segs.get(0).equals(VERSION)) {
            throw NeutronException.httpNotFound();
        }
        RequestContext ctx = authenticator.authenticate(req, requestId);
        List<String> rest = segs.subList(1, segs.size());
        if (rest.isEmpty()) {
            // only /v2.0/ lists the resources; /v2.0 and /v2.0.json are 404 in Neutron
            if (!req.path().endsWith("/")) {
                throw NeutronException.httpNotFound();
            }
            allow(req, "GET");
            return ApiResponse.of(200, resources(snapshot, req));
        }
        if (rest.get(0).equals("extensions") && rest.size() <= 2) {
            allow(req, "GET");
            return rest.size() == 1 ? ApiResponse.of(200, Map.of("extensions", extensionList(snapshot)))
                    : ApiResponse.of(200, Map.of("extension", extension(snapshot, rest.get(1))));
        }
        RouteMatch m = snapshot.match(rest);
        if (!served(m) && awaitReturn(rest)) {
            // its handler is being restarted (see unexpected()): served by the new one
            snapshot = snapshots.get();
            m = snapshot.match(rest);
        }
        if (!served(m)) {
            throw NeutronException.httpNotFound();
        }
        if (req.method().equals("PUT") || req.method().equals("DELETE")) {
            ctx = ctx.withRevisionConstraint(revisionConstraint(snapshot, req));
        }
        return serve(snapshot, m, req, ctx);
    }

    /** Neutron's check_request_for_revision_constraint: {@code If-Match: revision_number=N}. */
    static Long revisionConstraint(ApiSnapshot snapshot, ApiRequest req) {
        String header = req.header("If-Match");
        if (header == null) {
            return null;
        }
        List<String> etags = new ArrayList<>();
        for (String tag : header.split(",")) {
            String t = tag.strip();
            if (t.startsWith("\"") && t.endsWith("\"") && t.length() > 1) {
                t = t.substring(1, t.length() - 1);
            }
            if (t.startsWith("revision_number=")) {
                etags.add(t.substring("revision_number=".length()));
            }
        }
        if (etags.isEmpty()) {
            return null;
        }
        if (!snapshot.isActive("revision-if-match")) {
            throw NeutronException.badRequest("The revision-if-match extension is not enabled.");
        }
        if (etags.size() > 1) {
            throw NeutronException.badRequest("Multiple revision_number etags are not supported.");
        }
        try {
            return Long.parseLong(etags.get(0));
        } catch (NumberFormatException e) {
            throw NeutronException.badRequest("Revision number etag must be in the format of revision_number=<int>");
        }
    }

    private ApiResponse serve(ApiSnapshot snapshot, RouteMatch m, ApiRequest req, RequestContext ctx) {
        Route route = m.route();
        ResourceHandler h = m.parentId() == null ? route.handler() : route.handler().under(m.parentId());
        Authorization auth = new Authorization(snapshot, route, ctx, policy.get(), !h.checksOwnPolicy());
        String parentId = m.parentId();
        if (m.subResource() != null) {
            return subResource(route.subResources().get(m.subResource()), h, route, m, req, ctx, auth);
        }
        List<String> fields = ListRequest.fields(req.query());
        if (route.handler().itemCollection() != null) {
            return serveItems(snapshot, m, h, req, ctx, fields);
        }
        if (m.action() != null) {
            allow(req, m.id() == null ? route.collectionActions().get(m.action()) : route.actions().get(m.action()));
            Object body = parseBody(req);
            if (!auth.admin()) {
                auth.action(m.action(), h.get(ctx, m.id()), parentId);
            }
            return ApiResponse.of(200, h.action(ctx, m.id(), m.action(), body instanceof Map<?, ?> b
                    ? stringKeys(b) : Map.of()));
        }
        if (m.id() == null) {
            if (req.method().equals("PUT") || req.method().equals("DELETE")) {
                // Neutron looks the member "None" up: 404 as for any unknown id (NetworkNotFound ...)
                h.get(ctx, "None");
            }
            allow(req, "GET", "POST");
            if (req.method().equals("GET")) {
                return list(snapshot, route, h, req, ctx, auth, parentId, fields);
            }
            BodyProcessor.Prepared p = BodyProcessor.prepareCreate(ctx, route, parseBody(req),
                    config.get().allowBulk());
            auth.create(p.resources(), parentId);
            return create(snapshot, route, h, ctx, auth, p);
        }
        allow(req, "GET", "PUT", "DELETE");
        switch (req.method()) {
            case "GET":
                // Neutron checks the query of a show as of a list
                ListRequest.parse(req.query(), route, config.get().paginationMaxLimit());
                Map<String, Object> shown = h.show(ctx, m.id(), fields);
                if (shown != null) {
                    return ApiResponse.of(200, Map.of(route.member(), view(snapshot, route, auth.show(one(route, ctx,
                            shown), parentId), List.of())));
                }
                return ApiResponse.of(200, Map.of(route.member(), view(snapshot, route, auth.show(one(route, ctx,
                        h.get(ctx, m.id())), parentId), fields)));
            case "PUT":
                Map<String, Object> changes = BodyProcessor.prepareUpdate(ctx, route, parseBody(req));
                if (!auth.admin()) {
                    auth.update(h.get(ctx, m.id()), changes, parentId);
                }
                return ApiResponse.of(200, Map.of(route.member(), view(snapshot, route, auth.result(one(route, ctx,
                        h.update(ctx, m.id(), changes))), List.of())));
            default:
                if (!auth.admin()) {
                    auth.delete(h.get(ctx, m.id()), parentId);
                }
                h.delete(ctx, m.id());
                return ApiResponse.of(204, null);
        }
    }

    /** Neutron's _create: quota reserved per project, the plugin's create, then the reservation committed. */
    private ApiResponse create(ApiSnapshot snapshot, Route route, ResourceHandler h, RequestContext ctx,
            Authorization auth, BodyProcessor.Prepared p) {
        QuotaEngine.Reservation reservation = reserve(route, ctx, p.resources());
        List<Map<String, Object>> created;
        try {
            created = p.bulk() ? h.createBulk(ctx, p.resources()) : List.of(h.create(ctx, p.resources().get(0)));
        } catch (RuntimeException e) {
            settle(reservation::cancel);
            throw e;
        }
        settle(reservation::commit);
        List<Object> out = new ArrayList<>();
        route.extended(ctx, created).forEach(r -> out.add(view(snapshot, route, auth.result(r), List.of())));
        return ApiResponse.of(201, p.bulk() ? Map.of(route.collection(), out) : Map.of(route.member(), out.get(0)));
    }

    /** Items without a project (a resource with no tenant_id) are not counted, as in Neutron. */
    private QuotaEngine.Reservation reserve(Route route, RequestContext ctx, List<Map<String, Object>> items) {
        QuotaEngine engine = quotas.get();
        if (engine == null) {
            return QuotaEngine.Reservation.NONE;
        }
        Map<String, Integer> deltas = new LinkedHashMap<>();
        items.forEach(i -> {
            if (i.get(BodyProcessor.TENANT_ID) instanceof String project) {
                deltas.merge(project, 1, Integer::sum);
            }
        });
        return deltas.isEmpty() ? QuotaEngine.Reservation.NONE : engine.makeReservation(ctx, route.member(), deltas);
    }

    /**
     * Ending a reservation must not fail a request whose create has its answer already (the
     * quota bundle may be leaving): an unsettled reservation lapses by itself.
     */
    private static void settle(Runnable end) {
        try {
            end.run();
        } catch (RuntimeException e) {
            LOG.warn("could not end a quota reservation; it lapses by itself", e);
        }
    }

    /** A member sub-resource (e.g. a network's tags): the parent is looked up first, for its own 404. */
    private static ApiResponse subResource(MemberSubResource sub, ResourceHandler parentHandler, Route route,
            RouteMatch m, ApiRequest req, RequestContext ctx, Authorization auth) {
        boolean item = m.subId() != null;
        allow(req, sub.operations().stream().filter(o -> o.item() == item).map(Operation::method).distinct()
                .toArray(String[]::new));
        Operation op = Operation.of(req.method(), item);
        Map<String, Object> parent = auth.show(parentHandler.get(ctx, m.id()), m.parentId());
        Object body = req.method().equals("GET") || req.method().equals("DELETE") ? null : parseBody(req);
        MemberSubResource.Reply reply = sub.handle(ctx, op, new MemberSubResource.Parent(route.collection(), m.id(),
                parent, () -> parentHandler.touch(ctx, m.id())), m.subId(), body == BodyProcessor.EMPTY_BODY ? null
                : body);
        return ApiResponse.of(reply.status(), reply.body());
    }

    /**
     * A sub-collection of another collection's members ({@link ResourceHandler#itemCollection}):
     * listed and shown as that collection, added by a bare body, removed by id.
     */
    private ApiResponse serveItems(ApiSnapshot snapshot, RouteMatch m, ResourceHandler h, ApiRequest req,
            RequestContext ctx, List<String> fields) {
        if (m.id() != null || m.action() != null) {
            allow(req, "DELETE");
            if (m.action() != null) {
                throw NeutronException.httpNotFound();
            }
            h.delete(ctx, m.id());
            return ApiResponse.of(204, null);
        }
        allow(req, "GET", "POST");
        if (req.method().equals("POST")) {
            if (!(parseBody(req) instanceof Map<?, ?> body)) {
                throw BodyProcessor.invalidData();
            }
            h.create(ctx, stringKeys(body));
            // Neutron answers the scheduler's add with its plugin's None serialized: a JSON null,
            // which clients parse (openstacksdk's add_router_to_agent reads resp.json())
            return ApiResponse.of(201, NullNode.getInstance());
        }
        String collection = m.route().handler().itemCollection();
        Route items = Optional.ofNullable(snapshot.route(collection)).orElseThrow(NeutronException::httpNotFound);
        ListQuery q = ListRequest.parse(req.query(), items, config.get().paginationMaxLimit());
        return ApiResponse.of(200, Map.of(collection, views(snapshot, items, items.extended(ctx, h.list(ctx, q)),
                fields)));
    }

    private ApiResponse list(ApiSnapshot snapshot, Route route, ResourceHandler h, ApiRequest req, RequestContext ctx,
            Authorization auth, String parentId, List<String> fields) {
        ApiConfig cfg = config.get();
        ListQuery q = ListRequest.parse(req.query(), route, cfg.paginationMaxLimit());
        ListQuery asked = route.restricted(ctx, q);
        if (q.limit() == 0 && h.nativePagination()) {
            return ApiResponse.of(200, Map.of(route.collection(), PagedList.of(
                    marker -> h.list(ctx, asked.withPage(PagedList.PAGE + 1, marker)),
                    raw -> views(snapshot, route, auth.list(route.extended(ctx, raw), parentId), fields),
                    route.primaryKey())));
        }
        List<Map<String, Object>> items = auth.list(route.extended(ctx, h.list(ctx, asked)), parentId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(route.collection(), views(snapshot, route, items, fields));
        if (q.limit() > 0) {
            // links repeat the path as asked, .json suffix and all; like Neutron's, they follow the
            // items left after policy checks
            String path = req.path().startsWith("/") ? req.path() : "/" + req.path();
            body.put(route.collection() + "_links", PaginationLinks.links(req.baseUrl() + path, req.query(), items,
                    q.limit(), q.pageReverse(), route.primaryKey()));
        }
        return ApiResponse.of(200, body);
    }

    private static List<Object> views(ApiSnapshot snapshot, Route route, List<Map<String, Object>> items,
            List<String> fields) {
        List<Object> out = new ArrayList<>(items.size());
        items.forEach(i -> out.add(view(snapshot, route, i, fields)));
        return out;
    }

    private static Map<String, Object> one(Route route, RequestContext ctx, Map<String, Object> item) {
        return route.extended(ctx, List.of(item)).get(0);
    }

    /**
     * Only attributes the merged attribute map knows and shows, narrowed to the requested fields.
     * Items of another collection embedded under its name (a group's security_group_rules) are
     * shown as that collection's map says, so inactive extensions' attributes leave them too.
     */
    static Map<String, Object> view(ApiSnapshot snapshot, Route route, Map<String, Object> item, List<String> fields) {
        if (fields.isEmpty() && shownWhole(snapshot, route, item)) {
            // most items: nothing to leave out, and a copy of a thousand would cost a tenth of a list
            return item;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        item.forEach((k, v) -> {
            AttributeDefinition a = route.attributes().get(k);
            if (a != null && a.visible() && (fields.isEmpty() || fields.contains(k))) {
                out.put(k, embedded(snapshot, k, v));
            }
        });
        return out;
    }

    private static boolean shownWhole(ApiSnapshot snapshot, Route route, Map<String, Object> item) {
        for (Map.Entry<String, Object> e : item.entrySet()) {
            AttributeDefinition a = route.attributes().get(e.getKey());
            if (a == null || !a.visible() || embeddedRoute(snapshot, e.getKey(), e.getValue()) != null) {
                return false;
            }
        }
        return true;
    }

    /** The route of the collection whose items the value embeds under its name, or null. */
    private static Route embeddedRoute(ApiSnapshot snapshot, String key, Object value) {
        // the name first: type checks of every value cost more than a lookup
        Route inner = snapshot.route(key);
        return inner != null && value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map
                ? inner : null;
    }

    @SuppressWarnings("unchecked")
    private static Object embedded(ApiSnapshot snapshot, String key, Object value) {
        Route inner = embeddedRoute(snapshot, key, value);
        if (inner == null) {
            return value;
        }
        List<?> list = (List<?>) value;
        List<Object> out = new ArrayList<>(list.size());
        list.forEach(i -> out.add(view(snapshot, inner, (Map<String, Object>) i, List.of())));
        return out;
    }

    private static Map<String, Object> stringKeys(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /** The body as JSON values; {@link BodyProcessor#EMPTY_BODY} when there is none. */
    static Object parseBody(ApiRequest req) {
        if (isBlank(req.body())) {
            return BodyProcessor.EMPTY_BODY;
        }
        try {
            return JSON.readValue(req.body(), Object.class);
        } catch (IOException e) {
            throw BodyProcessor.invalidData();
        }
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    private static void allow(ApiRequest req, String... methods) {
        if (!Arrays.asList(methods).contains(req.method())) {
            throw new MethodNotAllowed(methods);
        }
    }

    /** 405, with the methods the route does allow. */
    public static final class MethodNotAllowed extends NeutronException {
        private static final long serialVersionUID = 1L;
        private final List<String> allowed;

        MethodNotAllowed(String... allowed) {
            super(405, "HTTPMethodNotAllowed", ApiResponse.WEBOB_CLIENT_ERROR);
            this.allowed = List.of(allowed);
        }

        public List<String> allowed() {
            return allowed;
        }
    }

    /**
     * 401 as keystonemiddleware answers it: the client is told where to get a token
     * ({@code WWW-Authenticate: Keystone uri="..."}); the body stays a NeutronError.
     */
    public static final class Unauthorized extends NeutronException {
        private static final long serialVersionUID = 1L;
        private final String challenge;

        public Unauthorized(String wwwAuthenticateUri) {
            super(401, "HTTPUnauthorized", "The request you have made requires authentication.");
            this.challenge = "Keystone uri=\"" + wwwAuthenticateUri + "\"";
        }

        public String challenge() {
            return challenge;
        }
    }

    static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        // Neutron accepts a .json suffix on any URI and means the same thing.
        if (!out.isEmpty() && out.get(out.size() - 1).endsWith(".json")) {
            String last = out.remove(out.size() - 1);
            last = last.substring(0, last.length() - ".json".length());
            if (!last.isEmpty()) {
                out.add(last);
            }
        }
        return out;
    }

    private static Map<String, Object> versions(ApiRequest req) {
        return Map.of("versions", List.of(ordered("id", VERSION, "status", "CURRENT", "links",
                List.of(ordered("rel", "self", "href", req.baseUrl() + "/" + VERSION + "/")))));
    }

    private static Map<String, Object> resources(ApiSnapshot snapshot, ApiRequest req) {
        List<Object> out = new ArrayList<>();
        snapshot.coreRoutes().stream()
                .sorted((a, b) -> Integer.compare(rank(a), rank(b)))
                .forEach(r -> out.add(ordered("name", r.member(), "collection", r.collection(), "links",
                        List.of(ordered("rel", "self", "href", req.baseUrl() + "/" + VERSION + r.path(null))))));
        return Map.of("resources", out);
    }

    private static int rank(Route r) {
        int i = CORE_ORDER.indexOf(r.collection());
        return i < 0 ? CORE_ORDER.size() : i;
    }

    private static List<Object> extensionList(ApiSnapshot snapshot) {
        List<Object> out = new ArrayList<>();
        snapshot.extensions().forEach(e -> out.add(extensionView(e)));
        return out;
    }

    private static Object extension(ApiSnapshot snapshot, String alias) {
        ExtensionDescriptor e = snapshot.extension(alias);
        if (e == null) {
            throw new NeutronException(404, "HTTPNotFound", "Extension with alias " + alias + " does not exist");
        }
        return extensionView(e);
    }

    private static Map<String, Object> extensionView(ExtensionDescriptor e) {
        return ordered("name", e.name(), "alias", e.alias(), "description", e.description(), "updated",
                e.updated(), "links", List.of());
    }

    /** A JSON object whose keys keep the given order. */
    static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
