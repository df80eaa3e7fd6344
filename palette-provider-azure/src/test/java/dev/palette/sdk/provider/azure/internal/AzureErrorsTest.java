package dev.palette.sdk.provider.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import dev.palette.sdk.api.error.AccessDeniedException;
import dev.palette.sdk.api.error.PaletteException;
import dev.palette.sdk.api.error.ProviderException;
import dev.palette.sdk.api.error.QuotaExceededException;
import dev.palette.sdk.api.provider.ResourceTags;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** ARM errors as Azure publishes them, mapped to the SDK's typed errors; the SDK's tag names in Azure's characters. */
class AzureErrorsTest {
    private static final UnaryOperator<String> NONE = s -> s;

    private static ManagementException error(int status, String body, Map<String, String> headers) throws Exception {
        ManagementError value;
        try (JsonReader r = JsonProviders.createReader(body)) {
            value = ManagementError.fromJson(r);
        }
        HttpHeaders h = new HttpHeaders();
        headers.forEach((k, v) -> h.set(com.azure.core.http.HttpHeaderName.fromString(k), v));
        HttpResponse response = new HttpResponse(new HttpRequest(HttpMethod.PUT, "https://management.azure.com/x")) {
            @Override
            public int getStatusCode() {
                return status;
            }

            @Override
            @Deprecated
            public String getHeaderValue(String name) {
                return h.getValue(name);
            }

            @Override
            public HttpHeaders getHeaders() {
                return h;
            }

            @Override
            public Flux<java.nio.ByteBuffer> getBody() {
                return Flux.just(java.nio.ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)));
            }

            @Override
            public Mono<byte[]> getBodyAsByteArray() {
                return Mono.just(body.getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public Mono<String> getBodyAsString() {
                return Mono.just(body);
            }

            @Override
            public Mono<String> getBodyAsString(java.nio.charset.Charset charset) {
                return Mono.just(body);
            }
        };
        return new ManagementException("Status code " + status + ", \"" + body + "\"", response, value);
    }

    private static PaletteException map(ManagementException e) {
        return AzureErrors.map("create virtual machine vm-1", "Microsoft.Compute/virtualMachines/write", e, NONE);
    }

    private static String fixture(String relative) throws Exception {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path f = p.resolve("shared/fixtures/cloud-api/azure").resolve(relative);
            if (Files.isRegularFile(f)) {
                return Files.readString(f);
            }
        }
        assumeTrue(!"true".equals(System.getenv("CI")), "fixture " + relative + " is required on CI");
        assumeTrue(false, "SKIPPED: fixture " + relative + " not found");
        return "";
    }

    @Test
    void thePublishedThrottlingAnswerIsRetryableAfterItsRetryAfterAndNoQuotaError() throws Exception {
        String http = fixture("errors/Compute-Throttling-429.http.txt");
        String body = http.substring(http.indexOf("\n{") + 1);
        PaletteException e = map(error(429, body, Map.of("Retry-After", "1200")));
        assertThat(e).isExactlyInstanceOf(AzureErrors.Throttled.class).hasMessageContaining("too many requests");
        assertThat(((AzureErrors.Throttled) e).retryAfter()).isEqualTo(Duration.ofSeconds(1200));
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void coreQuotaAndCapacityRefusalsAreQuotaErrorsWithAzuresMessage() throws Exception {
        String classic = "Operation results in exceeding quota limits of Core. Maximum allowed: 4, Current in use: 4, Additional requested: 2.";
        PaletteException quota = map(error(409, "{\"error\":{\"code\":\"OperationNotAllowed\",\"message\":\"" + classic + "\"}}", Map.of()));
        assertThat(quota).isInstanceOf(QuotaExceededException.class).hasMessage(classic);
        assertThat(((QuotaExceededException) quota).errorCode()).contains("OperationNotAllowed");
        PaletteException sku = map(error(409, "{\"error\":{\"code\":\"SkuNotAvailable\",\"message\":\"The requested size for "
                + "resource 'x' is currently not available in location 'brazilsouth' zones ''.\"}}", Map.of()));
        assertThat(sku).isInstanceOf(QuotaExceededException.class);
        PaletteException zonal = map(error(200, "{\"code\":\"ZonalAllocationFailed\",\"message\":\"Allocation failed.\"}", Map.of()));
        assertThat(zonal).isInstanceOf(QuotaExceededException.class).hasMessage("Allocation failed.");
        PaletteException other = map(error(409, "{\"error\":{\"code\":\"OperationNotAllowed\",\"message\":\"Operation 'start' is "
                + "not allowed since the VM is deallocating.\"}}", Map.of()));
        assertThat(other).isExactlyInstanceOf(ProviderException.class);
        assertThat(other.retryable()).isFalse();
    }

    @Test
    void aRealConflictIsAPermanentErrorWithItsCodeAndAMissingResourceIsNotFound() throws Exception {
        PaletteException dns = map(error(400, fixture("errors/PublicIPAddressCreateDnsRecordInUse.jclouds.json"), Map.of()));
        assertThat(dns).isExactlyInstanceOf(ProviderException.class);
        assertThat(((ProviderException) dns).errorCode()).contains("DnsRecordInUse");
        assertThat(dns.retryable()).isFalse();
        ManagementException missing = error(404, "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"The Resource "
                + "'Microsoft.Compute/virtualMachines/x' under resource group 'rg' was not found.\"}}", Map.of());
        assertThat(AzureErrors.isNotFound(missing)).isTrue();
    }

    @Test
    void anAuthorizationFailureNamesTheActionInAzuresMessageOrTheCallsOwn() throws Exception {
        PaletteException named = map(error(403, "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"The client 'a' with "
                + "object id 'b' does not have authorization to perform action 'Microsoft.Network/networkInterfaces/write' over "
                + "scope '/x'.\"}}", Map.of()));
        assertThat(named).isInstanceOf(AccessDeniedException.class);
        assertThat(((AccessDeniedException) named).permission()).isEqualTo("Microsoft.Network/networkInterfaces/write");
        PaletteException unnamed = map(error(403, "{\"error\":{\"code\":\"Forbidden\",\"message\":\"Forbidden\"}}", Map.of()));
        assertThat(((AccessDeniedException) unnamed).permission()).isEqualTo("Microsoft.Compute/virtualMachines/write");
        PaletteException token = map(error(401, "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"The access "
                + "token is invalid.\"}}", Map.of()));
        assertThat(((AccessDeniedException) token).permission()).isEqualTo("credentials");
    }

    @Test
    void aServerErrorAndAnotherOperationInProgressAreRetryable() throws Exception {
        assertThat(map(error(500, "{\"error\":{\"code\":\"InternalServerError\",\"message\":\"x\"}}", Map.of())).retryable()).isTrue();
        assertThat(map(error(409, "{\"error\":{\"code\":\"AnotherOperationInProgress\",\"message\":\"x\"}}", Map.of())).retryable())
                .isTrue();
        PaletteException later = map(error(503, "{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"x\"}}",
                Map.of("Retry-After", "7")));
        assertThat(((AzureErrors.Throttled) later).retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void theSdksTagNamesAreWrittenWithoutSlashesAndReadBack() {
        Map<String, String> azure = Tags.toAzure(Map.of(ResourceTags.CLUSTER_ID, "c-1", "app.kubernetes.io/name", "x"));
        assertThat(azure).containsEntry("palette.dev_cluster-id", "c-1").containsEntry("app.kubernetes.io_name", "x");
        assertThat(Tags.fromAzure(azure)).containsEntry(ResourceTags.CLUSTER_ID, "c-1");
        assertThat(Tags.ofCluster(azure, "c-1")).isTrue();
        assertThat(Tags.ofCluster(Map.of("palette.dev_cluster-id", "c-2"), "c-1")).isFalse();
    }
}
