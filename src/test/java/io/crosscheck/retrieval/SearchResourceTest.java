package io.crosscheck.retrieval;

import io.quarkus.test.junit.QuarkusTest;

/** {@link SearchBehaviour} on the default, embedded engine. */
@QuarkusTest
class SearchResourceTest extends SearchBehaviour {
}
