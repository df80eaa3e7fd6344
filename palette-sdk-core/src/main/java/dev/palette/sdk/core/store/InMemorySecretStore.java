package dev.palette.sdk.core.store;
import dev.palette.sdk.api.store.*; import java.util.*; import java.util.concurrent.*;
/** temporary stub */
public final class InMemorySecretStore implements SecretStore {
  private final ConcurrentSkipListMap<String, Secret> m = new ConcurrentSkipListMap<>();
  public Optional<Secret> get(String k) { return Optional.ofNullable(m.get(k)); }
  public void put(String k, Secret s) { m.put(k, s); }
  public Secret putIfAbsent(String k, Secret s) { Secret o = m.putIfAbsent(k, s); return o == null ? s : o; }
  public void delete(String k) { m.remove(k); }
  public List<String> keys(String p) { return m.keySet().stream().filter(k -> k.startsWith(p)).toList(); }
}
