package org.nucleon.bench;

/** One HTTP call: method, path under the endpoint's base URL (starting with /v2.0/), and an optional body Jackson can write. */
record Request(String method, String path, Object body) {

    static Request get(String path) {
        return new Request("GET", path, null);
    }

    static Request delete(String path) {
        return new Request("DELETE", path, null);
    }

    static Request post(String path, Object body) {
        return new Request("POST", path, body);
    }

    static Request put(String path, Object body) {
        return new Request("PUT", path, body);
    }
}
