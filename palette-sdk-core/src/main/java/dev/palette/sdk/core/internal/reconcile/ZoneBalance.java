package dev.palette.sdk.core.internal.reconcile;

import dev.palette.sdk.api.model.Machine;
import dev.palette.sdk.api.model.MachinePoolSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a pool spread evenly over its zones when zones are added: machines in zones above their share
 * are replaced, and their replacements go to the zones below it. Each zone's share of the pool's count
 * is {@code count / zones}, the remainder going to the zones that have the most machines already (so
 * that the fewest machines move).
 *
 * <p>A machine chosen once stays chosen while its zone, without the chosen machines, still holds its
 * share: the passes of a rollout agree on which machines move, although the replacements appear one by
 * one.
 */
final class ZoneBalance {
    private static final String PREFIX = "zone ";

    private ZoneBalance() {
    }

    /**
     * The machines that should move, with the reason for each.
     *
     * @param pool the pool
     * @param members the pool's machines that are not being deleted
     * @param knownZones {@code pool/zone} of the zones the pool had before this spec
     * @return machine name to reason, e.g. {@code zone us-east-1c added}
     */
    static Map<String, String> moves(MachinePoolSpec pool, List<Machine> members, java.util.Set<String> knownZones) {
        if (pool.zones().size() < 2 || members.isEmpty()) {
            return Map.of();
        }
        Map<String, List<Machine>> byZone = new LinkedHashMap<>();
        pool.zones().forEach(z -> byZone.put(z, new ArrayList<>()));
        for (Machine m : members) {
            List<Machine> list = byZone.get(m.zone());
            if (list != null) {
                list.add(m);
            }
        }
        // Machines already moving do not count where they are.
        Map<String, Integer> staying = new HashMap<>();
        byZone.forEach((z, list) -> staying.put(z, (int) list.stream().filter(m -> !isMove(m)).count()));
        Map<String, Integer> share = shares(pool, staying);

        Map<String, String> out = new LinkedHashMap<>();
        int kept = 0;
        for (String z : pool.zones()) {
            if (staying.get(z) >= share.get(z)) {
                for (Machine m : byZone.get(z)) {
                    if (isMove(m)) {
                        out.put(m.name(), m.replacementReasons().stream().filter(ZoneBalance::isReason).findFirst().orElseThrow());
                        kept++;
                    }
                }
            }
        }
        List<String> deficit = new ArrayList<>();
        for (String z : pool.zones()) {
            for (int i = staying.get(z); i < share.get(z); i++) {
                deficit.add(z);
            }
        }
        // Replacements of machines already moving fill the first places short.
        int d = Math.min(kept, deficit.size());
        Comparator<Machine> newestFirst = Comparator.comparing(Machine::createdAt, Comparator.reverseOrder())
                .thenComparing(Machine::name, Comparator.reverseOrder());
        for (String z : pool.zones()) {
            List<Machine> candidates = byZone.get(z).stream().filter(m -> !isMove(m)).sorted(newestFirst).toList();
            int excess = staying.get(z) - share.get(z);
            for (int i = 0; i < excess && d < deficit.size(); i++) {
                String to = deficit.get(d++);
                boolean added = !knownZones.isEmpty() && !knownZones.contains(pool.name() + "/" + to);
                out.put(candidates.get(i).name(), PREFIX + to + (added ? " added" : " below its share of the pool"));
            }
        }
        return out;
    }

    /** Whether a machine was chosen to move by an earlier pass. */
    static boolean isMove(Machine m) {
        return m.replacementReasons().stream().anyMatch(ZoneBalance::isReason);
    }

    /** Whether a reason is this class's. */
    static boolean isReason(String reason) {
        return reason.startsWith(PREFIX) && (reason.endsWith(" added") || reason.endsWith(" of the pool"));
    }

    private static Map<String, Integer> shares(MachinePoolSpec pool, Map<String, Integer> staying) {
        int n = pool.count();
        int zones = pool.zones().size();
        Map<String, Integer> share = new HashMap<>();
        pool.zones().forEach(z -> share.put(z, n / zones));
        List<String> byCrowd = new ArrayList<>(pool.zones());
        byCrowd.sort(Comparator.comparing((String z) -> staying.get(z), Comparator.reverseOrder()));
        for (int i = 0; i < n % zones; i++) {
            share.merge(byCrowd.get(i), 1, Integer::sum);
        }
        return share;
    }
}
