package dev.palette.sdk.core.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.palette.sdk.api.error.ValidationException;
import org.junit.jupiter.api.Test;

class RequiredDomainsTest {
    @Test
    void thePlatformListIsTheSeedsProxyWhitelistOnPort443() {
        // The "Proxy Whitelists" table of the seed document, in its order.
        assertThat(RequiredDomains.platform().domains()).extracting(RequiredDomain::domain, RequiredDomain::port)
                .containsExactly(tuple("spectrocloud.com", 443), tuple("s3.amazonaws.com", 443), tuple("gcr.io", 443),
                        tuple("docker.io", 443), tuple("googleapis.com", 443), tuple("docker.com", 443),
                        tuple("projectcalico.org", 443), tuple("quay.io", 443), tuple("grafana.com", 443));
        assertThat(RequiredDomains.platform().domains()).allSatisfy(d -> assertThat(d.purpose()).isNotBlank());
        assertThat(ProxyPreflight.builder().build().domains()).isEqualTo(RequiredDomains.platform());
    }

    @Test
    void aHostExtendsTrimsOrReplacesTheList() {
        RequiredDomains extended = RequiredDomains.platform().toBuilder()
                .add("registry.corp.example", 443, "our pack registry")
                .add("docker.io", 443, "Docker Hub through our mirror")
                .remove("grafana.com")
                .build();
        assertThat(extended.size()).isEqualTo(9);
        assertThat(extended.domains().get(extended.size() - 1).hostPort()).isEqualTo("registry.corp.example:443");
        assertThat(extended.domains().get(3).purpose()).isEqualTo("Docker Hub through our mirror");
        assertThat(extended.domains()).extracting(RequiredDomain::domain).doesNotContain("grafana.com");
        assertThat(RequiredDomains.platform().size()).as("the default is untouched").isEqualTo(9);

        RequiredDomains replaced = RequiredDomains.platform().toBuilder().clear().add("mirror.corp", 8443, null).build();
        assertThat(replaced.domains()).containsExactly(new RequiredDomain("mirror.corp", 8443, ""));
        assertThat(RequiredDomains.builder().addAll(replaced).add(RequiredDomain.of("MIRROR.corp", 8443)).build().size())
                .as("same domain and port once").isEqualTo(1);
    }

    @Test
    void entriesAreReadAsHostAndPort() {
        assertThat(RequiredDomain.parse("extra.example.com:443", "extra")).isEqualTo(new RequiredDomain("extra.example.com", 443, "extra"));
        assertThat(RequiredDomain.parse("bare.example.com", null).port()).isEqualTo(443);
        assertThatThrownBy(() -> RequiredDomain.parse("x.example.com:https", null))
                .hasMessage("1 violation: port: must be a number between 1 and 65535 after the ':' of host:port, got 'https'");
        assertThatThrownBy(() -> RequiredDomain.parse("x.example.com:0", null))
                .hasMessage("1 violation: port: must be between 1 and 65535");
    }

    @Test
    void aDomainCannotCarryAnythingButAHostName() {
        assertThatThrownBy(() -> RequiredDomain.of("evil.example\r\nX-Injected: 1", 443))
                .isInstanceOf(ValidationException.class).hasMessageContaining("domain: must be a host name");
        assertThatThrownBy(() -> RequiredDomain.of("", 443)).hasMessage("1 violation: domain: must not be empty");
        assertThatThrownBy(() -> RequiredDomain.of("https://gcr.io", 443)).hasMessageContaining("domain: must be a host name");
        assertThat(RequiredDomain.of("[::1]", 443).hostPort()).isEqualTo("[::1]:443");
    }

    @Test
    void theProxyAddressIsReadWithoutEverEchoingIt() {
        assertThat(ProxySettings.parse("proxy.corp:3128")).isEqualTo(ProxySettings.of("proxy.corp", 3128));
        assertThat(ProxySettings.parse("http://proxy.corp:3128/")).isEqualTo(ProxySettings.of("proxy.corp", 3128));
        assertThat(ProxySettings.parse("[::1]:3128").address()).isEqualTo("[::1]:3128");
        assertThatThrownBy(() -> ProxySettings.parse("proxy.corp"))
                .hasMessage("1 violation: proxy: must be host:port or http://host:port");
        assertThatThrownBy(() -> ProxySettings.parse("https://proxy.corp:443"))
                .hasMessage("1 violation: proxy: must be host:port or an http:// proxy address");
        assertThatThrownBy(() -> ProxySettings.parse("http://me:hunter2@proxy.corp:3128"))
                .hasMessage("1 violation: proxy: must not carry credentials; pass the user and password separately");
        assertThatThrownBy(() -> ProxySettings.parse("proxy.corp:99999"))
                .hasMessage("1 violation: proxy.port: must be between 1 and 65535");
    }
}
