package dev.palette.sdk.provider.vsphere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import com.vmware.vim25.CustomFieldDef;
import com.vmware.vim25.CustomFieldStringValue;
import com.vmware.vim25.CustomFieldValue;
import com.vmware.vim25.mo.VirtualMachine;
import dev.palette.sdk.api.error.ProviderException;
import dev.palette.sdk.api.model.ImageReference;
import dev.palette.sdk.api.provider.CloudProvider;
import dev.palette.sdk.api.provider.ImageInfo;
import dev.palette.sdk.api.provider.ImageRequest;
import dev.palette.sdk.api.provider.ProviderContext;
import dev.palette.sdk.api.provider.ResourceTags;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Templates from the OS pack's OVA: downloaded over HTTP and imported once however many clusters ask together,
 * customized by a builder machine that runs the pack's roles from its cloud-init data and powers itself off,
 * then found again by signature.
 */
class ImagesTest {
    private static Vcsim vcsim;
    private static CloudProvider provider;
    private static HttpServer http;
    private static final AtomicInteger downloads = new AtomicInteger();
    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        vcsim = Vcsim.start();
        provider = VsphereProviderContractTest.provider(vcsim);
        byte[] ova = Files.readAllBytes(TestOva.write(tmp.resolve("served.ova")));
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/images/ubuntu-22.04.ova", x -> {
            downloads.incrementAndGet();
            x.sendResponseHeaders(200, ova.length);
            x.getResponseBody().write(ova);
            x.close();
        });
        http.start();
    }

    @AfterAll
    static void stop() {
        http.stop(0);
        provider.close();
        vcsim.close();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    private static ProviderContext cluster(String id) {
        return new ProviderContext(id, id, vcsim.cloud(Map.of()), Map.of(ResourceTags.CLUSTER_ID, id), null);
    }

    private static <T> T await(java.util.concurrent.CompletionStage<T> s) throws Exception {
        return s.toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private static Map<String, String> attributes(VirtualMachine vm) throws Exception {
        Map<Integer, String> names = new HashMap<>();
        for (CustomFieldDef d : vcsim.inspector().getCustomFieldsManager().getField()) {
            names.put(d.getKey(), d.getName());
        }
        Map<String, String> out = new HashMap<>();
        for (CustomFieldValue v : vm.getCustomValue()) {
            out.put(names.get(v.getKey()), ((CustomFieldStringValue) v).getValue());
        }
        return out;
    }

    @Test
    void theOvaIsImportedOnceForClustersAskingTogetherThenCustomizedAndFoundAgain() throws Exception {
        ImageReference base = ImageReference.of("vsphere", "", url("/images/ubuntu-22.04.ova"));
        ImageRequest plain = new ImageRequest(base, "plain-sig", List.of(), false, "");
        CompletableFuture<ImageInfo> a = provider.ensureImage(cluster("c-img-a"), plain).toCompletableFuture();
        CompletableFuture<ImageInfo> b = provider.ensureImage(cluster("c-img-b"), plain).toCompletableFuture();
        ImageInfo first = a.get(60, TimeUnit.SECONDS);
        assertThat(b.get(60, TimeUnit.SECONDS).imageId()).isEqualTo(first.imageId());
        assertThat(first.origin()).isIn(ImageInfo.Origin.COPIED, ImageInfo.Origin.BASE);
        assertThat(downloads.get()).as("one download, one import").isEqualTo(1);
        assertThat(vcsim.templates()).filteredOn(n -> n.startsWith("palette-ova-")).hasSize(1);
        VirtualMachine imported = vcsim.vm(vcsim.templates().stream().filter(n -> n.startsWith("palette-ova-")).findFirst().orElseThrow());
        assertThat(attributes(imported)).containsEntry("palette.dev/image-source", base.id());
        assertThat(imported.getConfig().getHardware().getNumCPU()).as("the hardware of the OVF descriptor").isEqualTo(2);
        assertThat(await(provider.ensureImage(cluster("c-img-c"), plain)).origin()).isEqualTo(ImageInfo.Origin.BASE);

        ImageRequest hardened = new ImageRequest(base, "hardened-sig-1", List.of("harden", "audit"), true, "1.33.6");
        ImageInfo built = await(provider.ensureImage(cluster("c-img-a"), hardened));
        assertThat(built.origin()).isEqualTo(ImageInfo.Origin.BUILT);
        VirtualMachine template = vcsim.vm(vcsim.templates().stream().filter(n -> n.startsWith("palette-image-")).findFirst().orElseThrow());
        assertThat(template.getMOR().getVal()).isEqualTo(built.imageId());
        assertThat(attributes(template)).containsEntry(ResourceTags.IMAGE_SIGNATURE, "hardened-sig-1")
                .containsEntry("palette.dev/image-builder", "hardened-sig-1");
        String userData = java.util.Arrays.stream(template.getConfig().getExtraConfig())
                .filter(o -> o.getKey().equals("guestinfo.userdata")).map(o -> new String(java.util.Base64.getDecoder()
                        .decode(String.valueOf(o.getValue())))).findFirst().orElseThrow();
        assertThat(userData).as("the builder ran the roles, installed Kubernetes and powered itself off")
                .contains("name=harden").contains("name=audit").contains("kubeadm=1.33.6").contains("cloud-init clean")
                .contains("mode: poweroff");
        assertThat(downloads.get()).as("the build cloned the imported template").isEqualTo(1);

        ImageInfo again = await(provider.ensureImage(cluster("c-img-b"), hardened));
        assertThat(again).isEqualTo(new ImageInfo(built.imageId(), "hardened-sig-1", ImageInfo.Origin.REUSED));
    }

    @Test
    void anOvaThatCannotBeDownloadedFailsRetryablyWithTheAnswer() {
        ImageRequest req = new ImageRequest(ImageReference.of("vsphere", "", url("/images/missing.ova")), "missing", List.of(), false, "");
        Throwable t = catchThrowable(() -> provider.ensureImage(cluster("c-img-404"), req).toCompletableFuture().join());
        assertThat(t).isInstanceOf(CompletionException.class).cause().isInstanceOf(ProviderException.class)
                .hasMessageContaining("HTTP 404");
        assertThat(((ProviderException) t.getCause()).retryable()).isTrue();
    }
}
