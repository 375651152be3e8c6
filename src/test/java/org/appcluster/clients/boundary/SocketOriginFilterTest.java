package org.appcluster.clients.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SocketOriginFilterTest {

    @ParameterizedTest
    @CsvSource({
            "http://localhost:8080, localhost:8080, true",
            "http://LOCALHOST:8080, localhost:8080, true",
            "https://app.example.com, app.example.com, true",
            "https://app.example.com, app.example.com:443, true",
            "http://app.example.com:80, app.example.com, true",
            "http://evil.example, localhost:8080, false",
            "http://localhost:9090, localhost:8080, false",
            "https://app.example.com.evil.example, app.example.com, false",
            "null, localhost:8080, false",
            "not a uri, localhost:8080, false"})
    void acceptsOnlyThePagesOwnOrigin(String origin, String host, boolean same) {
        assertEquals(same, SocketOriginFilter.sameOrigin(origin, host));
    }
}
