using System.Collections.Concurrent;
using System.Diagnostics;
using Backoffice.Infra.Merchants;
using Backoffice.Infra.Orders;
using Backoffice.Infra.Storage;
using Microsoft.Extensions.Logging;

namespace Backoffice.Infra.Kpi;

/// <summary>What one roll-up run did, and what it cost in storage requests.</summary>
public sealed record KpiRollupResult(
    DateTimeOffset From,
    DateTimeOffset To,
    int ChangesRead,
    int Subjects,
    int Applied,
    int Skipped,
    int Partitions,
    int TotalsSynced,
    long StorageOperations,
    double Seconds,
    int Parked = 0);

/// <summary>
/// The incremental roll-up. It reads the change feed from its watermark (minus a short overlap), loads each changed
/// subject's current contribution from the source of truth, and replaces the subject's previous contribution in the
/// KPI rows; then it brings the all-merchant totals up to date and moves the watermark. Its cost follows the number
/// of changed subjects, never the size of the history. Idempotent: a re-run or a second run at the same time
/// recomputes the same contributions and finds them already in place.
/// </summary>
public sealed class KpiRollup(
    StorageClients clients,
    KpiChangeFeed feed,
    KpiFactStore facts,
    KpiWatermark watermark,
    KpiParkedSubjects parking,
    OrderStore orders,
    TrafficStore traffic,
    MerchantStore merchants,
    KpiRollupOptions options,
    TimeProvider clock,
    ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger<KpiRollup>();

    public async Task<KpiRollupResult> RunAsync(CancellationToken ct = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var operations = clients.Counter.Count;
        var to = clock.GetUtcNow();
        var state = await watermark.ReadAsync(ct).ConfigureAwait(false);
        var from = state.Position - DateTimeOffset.MinValue > options.Overlap ? state.Position - options.Overlap : DateTimeOffset.MinValue;

        var changes = 0;
        var totals = new KpiProcessStats();
        var batch = new Dictionary<KpiSubject, KpiChangeSummary>();

        // Subjects that failed before are tried again with the first batch (a bounded number, with back-off); those that
        // now go through are released.
        var parked = (await parking.ListDueAsync(to, options.ParkedRetriesPerRun, options.ParkedMaxAttempts, ct).ConfigureAwait(false))
            .ToDictionary(p => p.Subject, p => p.Version);
        foreach (var (subject, version) in parked)
        {
            batch[subject] = new KpiChangeSummary(version, null);
        }
        await foreach (var page in feed.ReadAsync(from, to, ct).ConfigureAwait(false))
        {
            changes += page.Count;
            foreach (var change in page)
            {
                batch[change.Subject] = batch.TryGetValue(change.Subject, out var seen) ? seen.Merge(change) : new KpiChangeSummary(change.Version, change.PlacedAt);
            }

            if (batch.Count >= options.BatchSize && page.Count > 0)
            {
                totals = totals.Plus(await ProcessAsync(batch, force: false, parked.Keys, ct).ConfigureAwait(false));
                batch.Clear();

                // Everything up to this page is in: a crash from here on re-reads only what follows (plus the overlap).
                await watermark.AdvanceAsync(page[^1].RecordedAt, clock.GetUtcNow(), null, ct).ConfigureAwait(false);
            }
        }

        if (batch.Count > 0)
        {
            totals = totals.Plus(await ProcessAsync(batch, force: false, parked.Keys, ct).ConfigureAwait(false));
        }

        await feed.PruneAsync(to - options.Overlap - options.ChangeRetention, ct).ConfigureAwait(false);

        // The count includes the watermark write that stores this result (a single request unless it races).
        var result = new KpiRollupResult(
            from, to, changes, totals.Subjects, totals.Applied, totals.Skipped, totals.Partitions, totals.TotalsSynced,
            clients.Counter.Count - operations + 1, Math.Round(stopwatch.Elapsed.TotalSeconds, 3), totals.Parked);
        await watermark.AdvanceAsync(to, clock.GetUtcNow(), result, ct).ConfigureAwait(false);
        _logger.LogInformation(
            "KPI roll-up read {Changes} changes of {Subjects} subjects: {Applied} applied, {Skipped} already in place, {Parked} parked, {Partitions} partitions, {Operations} storage operations in {Seconds} s",
            changes, result.Subjects, result.Applied, result.Skipped, result.Parked, result.Partitions, result.StorageOperations, result.Seconds);
        return result;
    }

    /// <summary>Recomputes the given subjects whatever is stored (rebuilds, repairs, tests).</summary>
    public Task<KpiProcessStats> ProcessAsync(IEnumerable<KpiSubject> subjects, bool force, CancellationToken ct = default) =>
        ProcessAsync(subjects.Distinct().ToDictionary(s => s, _ => KpiChangeSummary.Unknown), force, null, ct);

    /// <summary>
    /// Brings the given subjects' contributions up to date, then syncs the totals of every cell they touch. A subject
    /// whose stored contribution is already at the version the feed announced is skipped after one read (that is what
    /// re-reading the overlap costs). <paramref name="force"/> recomputes everything and also rewrites contributions of
    /// the same version that differ (a rebuild after a rule change). A subject whose processing throws is logged and
    /// parked (<see cref="KpiParkedSubjects"/>) and the others go on; of <paramref name="retrying"/> (subjects parked
    /// before), those that now went through are released.
    /// </summary>
    public async Task<KpiProcessStats> ProcessAsync(
        IReadOnlyDictionary<KpiSubject, KpiChangeSummary> subjects, bool force, IEnumerable<KpiSubject>? retrying = null, CancellationToken ct = default)
    {
        var failed = new ConcurrentDictionary<KpiSubject, bool>();
        var loader = new KpiSubjectLoader(orders, traffic, merchants, loggers.CreateLogger<KpiSubjectLoader>());
        var updates = new ConcurrentBag<KpiUpdate>();
        var current = new ConcurrentBag<(KpiLocation Location, KpiSubject Subject, KpiStoredPart Part)>();
        await Parallel.ForEachAsync(subjects, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = ct }, async (entry, token) =>
        {
            var (subject, summary) = (entry.Key, entry.Value);
            try
            {
                KpiLocation? location = null;
                KpiPrior? prior = null;
                if (!force && await loader.LocateAsync(subject, summary.PlacedAt, token).ConfigureAwait(false) is { } found)
                {
                    location = found;
                    var part = await facts.ReadPartAsync(found.Scope, found.Month, subject, token).ConfigureAwait(false);
                    if (part is not null && part.Version >= summary.Version)
                    {
                        current.Add((found, subject, part));
                        return;
                    }

                    prior = new KpiPrior(part);
                }

                if (await loader.LoadAsync(subject, token).ConfigureAwait(false) is { } update)
                {
                    updates.Add(location is not null && location.Scope == update.Scope && location.Month == update.Month ? update with { Prior = prior } : update);
                }
            }
            catch (Exception ex) when (!token.IsCancellationRequested)
            {
                // One bad subject (a corrupt event log, an unreadable traffic row) must not fail the run for everyone.
                await ParkAsync(subject, summary.Version, ex, "its contribution could not be computed", token).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);

        var partitions = updates.Select(u => new KpiLocation(u.Subject.MerchantId, u.Currency, u.Month))
            .Concat(current.Select(c => c.Location))
            .Distinct()
            .Select(l => (Location: l, Updates: updates.Where(u => u.Subject.MerchantId == l.MerchantId && u.Currency == l.Currency && u.Month == l.Month)
                .OrderBy(u => u.Subject.Key, StringComparer.Ordinal).ToArray()))
            .ToArray();
        var applied = 0;
        var skipped = current.Count;
        var synced = 0;
        await Parallel.ForEachAsync(partitions, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism / 4), CancellationToken = ct }, async (p, token) =>
        {
            var location = p.Location;
            try
            {
                var touched = current.Where(c => c.Location == location).SelectMany(c => c.Part.Contribution.Cells.Keys).ToHashSet();
                if (p.Updates.Length > 0)
                {
                    var result = await facts.ApplyAsync(location.Scope, location.Month, p.Updates, force, token).ConfigureAwait(false);
                    touched.UnionWith(result.Touched);
                    Interlocked.Add(ref applied, result.Applied);
                    Interlocked.Add(ref skipped, result.Skipped);
                    foreach (var failure in result.Failed)
                    {
                        var subject = failure.Update.Subject;
                        await ParkAsync(subject, subjects[subject].Version, failure.Error, "its contribution could not be applied", token).ConfigureAwait(false);
                    }
                }

                // Also for subjects already in place: a run that stopped after the merchant rows is completed here.
                var totals = await facts.SyncTotalsAsync(location.MerchantId, location.Currency, location.Month, touched, token).ConfigureAwait(false);
                Interlocked.Add(ref synced, totals);
            }
            catch (Exception ex) when (!token.IsCancellationRequested)
            {
                // A partition that fails as a whole (its totals would overflow, a row is corrupt) holds back only its own
                // subjects: they are parked and tried again by later runs, every other partition goes on, and the
                // watermark still advances for everyone else.
                var held = p.Updates.Select(u => u.Subject).Concat(current.Where(c => c.Location == location).Select(c => c.Subject))
                    .Distinct().ToArray();
                foreach (var subject in held)
                {
                    await ParkAsync(subject, subjects[subject].Version, ex, $"the KPI rows of {location.Scope} {location.Month} could not be updated", token).ConfigureAwait(false);
                }
            }
        }).ConfigureAwait(false);

        async Task ParkAsync(KpiSubject subject, long version, Exception error, string why, CancellationToken token)
        {
            _logger.LogError(error, "KPI roll-up parked {Kind} {SubjectId} of merchant {MerchantId}: {Why}", subject.Kind, subject.Id, subject.MerchantId, why);
            failed[subject] = true;
            await parking.ParkAsync(subject, version, error, clock.GetUtcNow(), token).ConfigureAwait(false);
        }

        foreach (var subject in (retrying ?? []).Where(s => subjects.ContainsKey(s) && !failed.ContainsKey(s)))
        {
            await parking.ReleaseAsync(subject, ct).ConfigureAwait(false);
            _logger.LogInformation("KPI roll-up released parked {Kind} {SubjectId} of merchant {MerchantId}", subject.Kind, subject.Id, subject.MerchantId);
        }

        return new KpiProcessStats(subjects.Count, applied, skipped, partitions.Length, synced, failed.Count);
    }
}

public sealed record KpiProcessStats(int Subjects = 0, int Applied = 0, int Skipped = 0, int Partitions = 0, int TotalsSynced = 0, int Parked = 0)
{
    public KpiProcessStats Plus(KpiProcessStats other) => new(
        Subjects + other.Subjects, Applied + other.Applied, Skipped + other.Skipped, Partitions + other.Partitions, TotalsSynced + other.TotalsSynced,
        Parked + other.Parked);
}
