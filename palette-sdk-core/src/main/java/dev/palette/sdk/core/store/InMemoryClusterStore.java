package dev.palette.sdk.core.store;
import dev.palette.sdk.api.error.*; import dev.palette.sdk.api.model.*; import dev.palette.sdk.api.store.*;
import java.util.*; import java.util.concurrent.*; import java.util.function.Consumer;
/** temporary stub */
public final class InMemoryClusterStore implements ClusterStore {
  private final TreeMap<String, Cluster> m = new TreeMap<>(); private final CopyOnWriteArrayList<Consumer<ClusterChange>> ls = new CopyOnWriteArrayList<>();
  public synchronized Optional<Cluster> get(String id) { return Optional.ofNullable(m.get(id)); }
  public Cluster create(Cluster c) { Cluster s; synchronized (this) { if (m.containsKey(c.id())) throw new ConflictException("dup"); s = c.withMetadata(c.metadata().withResourceVersion(1)); m.put(c.id(), s);} fire(new ClusterChange(c.id(), ClusterChange.Type.CREATED, 1)); return s; }
  public Cluster update(Cluster c) { Cluster s; synchronized (this) { Cluster o = m.get(c.id()); if (o == null) throw new NotFoundException("nf"); if (o.metadata().resourceVersion() != c.metadata().resourceVersion()) throw new ConflictException("conflict " + o.metadata().resourceVersion() + " vs " + c.metadata().resourceVersion()); s = c.withMetadata(c.metadata().withResourceVersion(o.metadata().resourceVersion() + 1)); m.put(c.id(), s);} fire(new ClusterChange(c.id(), ClusterChange.Type.UPDATED, s.metadata().resourceVersion())); return s; }
  public void delete(String id, long v) { synchronized (this) { Cluster o = m.get(id); if (o == null) return; if (o.metadata().resourceVersion() != v) throw new ConflictException("c"); m.remove(id);} fire(new ClusterChange(id, ClusterChange.Type.DELETED, v)); }
  public synchronized List<Cluster> list(ClusterQuery q) { return m.values().stream().filter(c -> q.afterId().map(a -> c.id().compareTo(a) > 0).orElse(true)).limit(q.limit()).toList(); }
  public AutoCloseable subscribe(Consumer<ClusterChange> l) { ls.add(l); return () -> ls.remove(l); }
  private void fire(ClusterChange ch) { ls.forEach(l -> l.accept(ch)); }
}
