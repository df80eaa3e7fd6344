package dev.palette.sdk.provider.vsphere;

import com.vmware.vim25.OptionValue;
import com.vmware.vim25.UserSession;
import com.vmware.vim25.VirtualMachineConfigSpec;
import com.vmware.vim25.mo.Folder;
import com.vmware.vim25.mo.InventoryNavigator;
import com.vmware.vim25.mo.ManagedEntity;
import com.vmware.vim25.mo.ServiceInstance;
import com.vmware.vim25.mo.VirtualMachine;
import dev.palette.sdk.api.model.CloudConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;

/**
 * VMware's vCenter simulator, as built by {@code src/test/vcsim/build.sh}, started fresh for a test class
 * (its inventory lives in the process): the default VPX model (datacenter DC0, compute cluster DC0_C0 with
 * hosts DC0_C0_H0..H2, datastore LocalDS_0, network "VM Network"). Besides starting and stopping it, this
 * arms faults through our simulator's {@code /palette/faults} endpoint, looks at the inventory with a
 * session of its own, and plays the guests' part: a machine that is powered on gets an IP address after a
 * moment (as VMware Tools would report it), and an image builder powers itself off once it has run.
 */
final class Vcsim implements AutoCloseable {
    /** The simulator's user; any non-empty user and password are accepted. */
    static final String USER = "administrator@vsphere.local";
    /** The password given to the provider. */
    static final String PASSWORD = "s3cret-Passw0rd!";

    private final Process process;
    private final Path dir;
    private final URL url;
    private final String thumbprint;
    private final ServiceInstance inspector;
    private final ScheduledExecutorService guests;
    private final AtomicInteger addresses = new AtomicInteger(10);
    private volatile boolean guestsAnswer = true;

    private Vcsim(Process process, Path dir, URL url, String thumbprint) throws Exception {
        this.process = process;
        this.dir = dir;
        this.url = url;
        this.thumbprint = thumbprint;
        // yavijava shares one SSLContext per JVM unless told to make a new one (see YavijavaClient.login).
        synchronized (com.vmware.vim25.ws.CustomSSLTrustContextCreator.class) {
            com.vmware.vim25.ws.CustomSSLTrustContextCreator.setContextAlreadyCreated(false);
            this.inspector = new ServiceInstance(url, USER, "inspector", trustAll(), 30_000, 30_000);
        }
        this.guests = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vcsim-guests");
            t.setDaemon(true);
            return t;
        });
        guests.scheduleWithFixedDelay(this::actAsGuests, 50, 50, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a simulator; aborts the test where vcsim cannot be built (no Go), fails on CI.
     *
     * @return the running simulator
     */
    static Vcsim start() {
        String binary = System.getProperty("palette.vcsim", "target/vcsim/vcsim");
        if (!Files.isExecutable(Path.of(binary))) {
            String why = "vcsim is not built (" + binary + "): apt-get install golang-go golang-github-vmware-govmomi-dev, "
                    + "then mvn verify builds it";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why);
        }
        try {
            Path dir = Files.createTempDirectory("vcsim-");
            Path urlFile = dir.resolve("url.txt");
            Path cert = dir.resolve("cert.pem");
            Process p = new ProcessBuilder(binary, "-l", "127.0.0.1:0", "-urlout", urlFile.toString(), "-certout", cert.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("vcsim.log").toFile()).start();
            try {
                Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                        .until(() -> Files.exists(urlFile) || !p.isAlive());
            } finally {
                if (!Files.exists(urlFile)) {
                    p.destroyForcibly();
                }
            }
            if (!Files.exists(urlFile)) {
                throw new IllegalStateException("vcsim did not start: " + Files.readString(dir.resolve("vcsim.log")));
            }
            URL url = new URL(Files.readString(urlFile).trim());
            X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(Files.newInputStream(cert));
            String sha256 = HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
            return new Vcsim(p, dir, url, sha256);
        } catch (Exception e) {
            throw new IllegalStateException("starting vcsim: " + e, e);
        }
    }

    /**
     * The simulator's SDK URL.
     *
     * @return {@code https://127.0.0.1:PORT/sdk}
     */
    URL url() {
        return url;
    }

    /**
     * The SHA-256 fingerprint of the simulator's certificate.
     *
     * @return the fingerprint, colon-separated
     */
    String thumbprint() {
        return thumbprint;
    }

    /**
     * A cloud config for the simulator's compute cluster, trusting its certificate by fingerprint.
     *
     * @param extra further properties
     * @return the config
     */
    CloudConfig cloud(Map<String, Object> extra) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("server", url.getHost() + ":" + url.getPort());
        p.put("datacenter", "DC0");
        p.put("computeCluster", "DC0_C0");
        p.put("datastore", "LocalDS_0");
        p.put("network", "VM Network");
        p.put("controlPlaneEndpoint", "10.0.0.100");
        p.put("thumbprint", thumbprint);
        p.putAll(extra);
        return CloudConfig.of("vsphere", "").withProperties(p);
    }

    /**
     * Makes the next calls of a vim25 method fail: a task method's task ends in the fault, any other method
     * answers with it.
     *
     * @param method e.g. {@code CloneVM_Task}
     * @param fault e.g. {@code InsufficientResourcesFault}
     * @param message vCenter's message
     * @param times how many calls
     */
    void arm(String method, String fault, String message, int times) {
        String body = "{\"method\":\"" + method + "\",\"fault\":\"" + fault + "\",\"message\":\"" + message + "\",\"times\":" + times + "}";
        send(HttpRequest.newBuilder(endpoint()).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Disarms every fault. */
    void disarm() {
        send(HttpRequest.newBuilder(endpoint()).DELETE());
    }

    private URI endpoint() {
        return URI.create(url.toString().replace("/sdk", "/palette/faults"));
    }

    private void send(HttpRequest.Builder request) {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {trustAll()}, null);
            HttpResponse<String> r = HttpClient.newBuilder().sslContext(tls).build().send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("vcsim answered " + r.statusCode() + ": " + r.body());
            }
        } catch (IOException | InterruptedException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The simulator seen through a session of the test's own.
     *
     * @return the service instance
     */
    ServiceInstance inspector() {
        return inspector;
    }

    /**
     * The virtual machines in a VM folder of DC0, by name, or none when there is no such folder.
     *
     * @param folderName the folder's name
     * @return the machines' names
     */
    List<String> vmsInFolder(String folderName) {
        try {
            ManagedEntity folder = new InventoryNavigator(inspector.getRootFolder()).searchManagedEntity("Folder", folderName);
            List<String> names = new ArrayList<>();
            if (folder != null) {
                for (ManagedEntity e : ((Folder) folder).getChildEntity()) {
                    names.add(e.getName());
                }
            }
            return names;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether DC0 has a VM folder of a name.
     *
     * @param folderName the name
     * @return true if it does
     */
    boolean folderExists(String folderName) {
        try {
            return new InventoryNavigator(inspector.getRootFolder()).searchManagedEntity("Folder", folderName) != null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A virtual machine by name.
     *
     * @param name the name
     * @return it, or {@code null}
     */
    VirtualMachine vm(String name) {
        try {
            return (VirtualMachine) new InventoryNavigator(inspector.getRootFolder()).searchManagedEntity("VirtualMachine", name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The anti-affinity rules of compute cluster DC0_C0, by name, with their machines' names.
     *
     * @return the rules
     */
    Map<String, List<String>> antiAffinityRules() {
        try {
            com.vmware.vim25.mo.ClusterComputeResource cluster = (com.vmware.vim25.mo.ClusterComputeResource) new InventoryNavigator(
                    inspector.getRootFolder()).searchManagedEntity("ClusterComputeResource", "DC0_C0");
            Map<String, List<String>> out = new LinkedHashMap<>();
            com.vmware.vim25.ClusterConfigInfoEx cfg = (com.vmware.vim25.ClusterConfigInfoEx) cluster.getConfigurationEx();
            if (cfg.getRule() != null) {
                for (com.vmware.vim25.ClusterRuleInfo r : cfg.getRule()) {
                    if (r instanceof com.vmware.vim25.ClusterAntiAffinityRuleSpec a) {
                        List<String> names = new ArrayList<>();
                        for (com.vmware.vim25.ManagedObjectReference m : a.getVm()) {
                            names.add(new VirtualMachine(inspector.getServerConnection(), m).getName());
                        }
                        out.put(r.getName(), names);
                    }
                }
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The names of every virtual machine, templates included.
     *
     * @return the names
     */
    List<String> vmNames() {
        try {
            List<String> names = new ArrayList<>();
            for (ManagedEntity e : new InventoryNavigator(inspector.getRootFolder()).searchManagedEntities("VirtualMachine")) {
                names.add(e.getName());
            }
            return names;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The names of every template.
     *
     * @return the names
     */
    List<String> templates() {
        try {
            List<String> names = new ArrayList<>();
            for (ManagedEntity e : new InventoryNavigator(inspector.getRootFolder()).searchManagedEntities("VirtualMachine")) {
                VirtualMachine vm = (VirtualMachine) e;
                if (vm.getConfig() != null && vm.getConfig().isTemplate()) {
                    names.add(vm.getName());
                }
            }
            return names;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Turns one of the model's machines into a template of another name.
     *
     * @param vmName the model machine, e.g. {@code DC0_H0_VM0}
     * @param templateName the template's name
     */
    void makeTemplate(String vmName, String templateName) {
        try {
            VirtualMachine vm = vm(vmName);
            if (vm.getRuntime().getPowerState().toString().equals("poweredOn")) {
                vm.powerOffVM_Task().waitForTask(20, 20);
            }
            vm.rename_Task(templateName).waitForTask(20, 20);
            vm.markAsTemplate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The keys of every session but the inspector's.
     *
     * @return the keys
     */
    List<String> otherSessions() {
        try {
            String mine = inspector.getSessionManager().getCurrentSession().getKey();
            List<String> others = new ArrayList<>();
            for (UserSession u : inspector.getSessionManager().getSessionList()) {
                if (!u.getKey().equals(mine)) {
                    others.add(u.getKey());
                }
            }
            return others;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ends every session but the inspector's, as an administrator (or vCenter's idle timeout) would. */
    void endOtherSessions() {
        try {
            List<String> others = otherSessions();
            if (!others.isEmpty()) {
                inspector.getSessionManager().terminateSession(others.toArray(new String[0]));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether powered-on machines get addresses (false: they boot but never report one).
     *
     * @param answer whether they do
     */
    void guestsAnswer(boolean answer) {
        this.guestsAnswer = answer;
    }

    /** What guests do: report an address once running; an image builder powers itself off. */
    private void actAsGuests() {
        ManagedEntity[] all;
        try {
            all = new InventoryNavigator(inspector.getRootFolder()).searchManagedEntities("VirtualMachine");
        } catch (Exception e) {
            return; // next round
        }
        for (ManagedEntity e : all) {
            try {
                actAsGuest((VirtualMachine) e);
            } catch (Exception gone) {
                // deleted while we looked: the others still get their turn
            }
        }
    }

    private void actAsGuest(VirtualMachine vm) throws Exception {
        if (vm.getRuntime() == null || !"poweredOn".equals(vm.getRuntime().getPowerState().toString())) {
            return;
        }
        if (vm.getName().startsWith("palette-image-")) {
            vm.powerOffVM_Task();
        } else if (guestsAnswer && (vm.getGuest() == null || vm.getGuest().getIpAddress() == null)
                && vm.getName().matches("[a-z].*")) {
            VirtualMachineConfigSpec spec = new VirtualMachineConfigSpec();
            OptionValue ip = new OptionValue();
            ip.setKey("SET.guest.ipAddress");
            ip.setValue("10.0.1." + addresses.incrementAndGet());
            spec.setExtraConfig(new OptionValue[] {ip});
            vm.reconfigVM_Task(spec);
        }
    }

    private static X509TrustManager trustAll() {
        return new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
    }

    /** Stops the simulator (SIGTERM, so it removes its datastore directory). */
    @Override
    public void close() {
        guests.shutdownNow();
        try {
            inspector.getServerConnection().logout();
        } catch (RuntimeException ignored) {
            // the process goes anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(dir.resolve("url.txt"));
            Files.deleteIfExists(dir.resolve("cert.pem"));
        } catch (IOException ignored) {
            // a temporary directory
        }
    }
}
