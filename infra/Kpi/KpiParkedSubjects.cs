using Azure;
using Azure.Data.Tables;
using Backoffice.Infra.Storage;

namespace Backoffice.Infra.Kpi;

/// <summary>A subject the roll-up could not process: which one, the version it was after, why, how often, since when.</summary>
public sealed record KpiParkedSubject(
    KpiSubject Subject, long Version, string Error, int Attempts, DateTimeOffset FirstParkedAt, DateTimeOffset LastAttemptAt);

/// <summary>
/// Subjects whose processing threw (a corrupt event log, an unreadable traffic row). They are parked here so one bad
/// subject cannot fail every run and hold the watermark back; every later run tries them again and releases those
/// that now succeed — with a back-off and a cap on attempts (<see cref="ListDueAsync"/>). Kept beside the watermark (table KpiRollup, partition "parked"), one row per subject.
/// </summary>
public sealed class KpiParkedSubjects(StorageClients clients)
{
    private const string Partition = "parked";

    /// <summary>Longest error text kept: enough to diagnose, too short to carry a whole payload along.</summary>
    private const int ErrorLength = 500;

    private TableClient Table => clients.Table(TableNames.KpiRollup);

    public async Task<IReadOnlyList<KpiParkedSubject>> ListAsync(CancellationToken ct = default)
    {
        var parked = new List<KpiParkedSubject>();
        await foreach (var e in Table.QueryAsync<TableEntity>($"PartitionKey eq '{Partition}'", cancellationToken: ct).ConfigureAwait(false))
        {
            if (Read(e) is { } subject)
            {
                parked.Add(subject);
            }
        }

        return parked;
    }

    /// <summary>
    /// The parked subjects a run should try again now, at most <paramref name="limit"/>: those below
    /// <paramref name="maxAttempts"/> whose back-off has passed. A subject that keeps failing waits longer each time
    /// (<see cref="BackOff"/>) and, after <paramref name="maxAttempts"/>, is no longer retried on its own: it stays listed
    /// in the roll-up status for a supervisor (a fix plus a rebuild, or a new change of the subject, brings it back).
    /// So a growing pile of poisoned subjects never makes every run slower.
    /// </summary>
    public async Task<IReadOnlyList<KpiParkedSubject>> ListDueAsync(DateTimeOffset now, int limit, int maxAttempts, CancellationToken ct = default)
    {
        var due = new List<KpiParkedSubject>();
        var filter = $"PartitionKey eq '{Partition}' and Attempts lt {maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        await foreach (var page in Table.QueryAsync<TableEntity>(filter, Math.Min(1000, Math.Max(1, limit)), cancellationToken: ct).AsPages().ConfigureAwait(false))
        {
            foreach (var e in page.Values)
            {
                var next = e.GetDateTimeOffset("NextAttemptAt") ?? DateTimeOffset.MinValue;
                if (next <= now && Read(e) is { } subject)
                {
                    due.Add(subject);
                    if (due.Count >= limit)
                    {
                        return due;
                    }
                }
            }
        }

        return due;
    }

    /// <summary>How long a subject that failed <paramref name="attempts"/> times waits before the next try: 5 min, doubling, at most a day.</summary>
    public static TimeSpan BackOff(int attempts) =>
        TimeSpan.FromMinutes(Math.Min(24 * 60, 5 * Math.Pow(2, Math.Clamp(attempts - 1, 0, 20))));

    /// <summary>Parks the subject, or counts one more failed attempt if it is parked already (keeping the newest version asked for).</summary>
    public async Task ParkAsync(KpiSubject subject, long version, Exception error, DateTimeOffset now, CancellationToken ct = default)
    {
        var row = Row(subject);
        var text = $"{error.GetType().Name}: {error.Message}";
        for (var attempt = 1; ; attempt++)
        {
            var found = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, row, cancellationToken: ct).ConfigureAwait(false);
            var existing = found.HasValue ? found.Value : null;
            var attempts = (existing?.GetInt32("Attempts") ?? 0) + 1;
            var entity = new TableEntity(Partition, row)
            {
                ["MerchantId"] = subject.MerchantId,
                ["Kind"] = subject.Kind.ToString(),
                ["SubjectId"] = subject.Id,
                ["Version"] = Math.Max(version, existing?.GetInt64("Version") ?? long.MinValue),
                ["Error"] = text.Length > ErrorLength ? text[..ErrorLength] : text,
                ["Attempts"] = attempts,
                ["NextAttemptAt"] = now + BackOff(attempts),
                ["FirstParkedAt"] = existing?.GetDateTimeOffset("FirstParkedAt") ?? now,
                ["LastAttemptAt"] = now,
            };
            try
            {
                if (existing is null)
                {
                    await Table.AddEntityAsync(entity, ct).ConfigureAwait(false);
                }
                else
                {
                    await Table.UpdateEntityAsync(entity, existing.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
                }

                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 10)
            {
                // A concurrent run parked it meanwhile: reload and count again.
            }
        }
    }

    /// <summary>The subject went through: it is no longer parked.</summary>
    public async Task ReleaseAsync(KpiSubject subject, CancellationToken ct = default)
    {
        try
        {
            await Table.DeleteEntityAsync(Partition, Row(subject), ETag.All, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Released by a concurrent run already.
        }
    }

    private static KpiParkedSubject? Read(TableEntity e) =>
        Enum.TryParse<KpiSubjectKind>(e.GetString("Kind"), out var kind)
            ? new KpiParkedSubject(
                new KpiSubject(e.GetString("MerchantId") ?? string.Empty, kind, e.GetString("SubjectId") ?? string.Empty),
                e.GetInt64("Version") ?? long.MaxValue, e.GetString("Error") ?? string.Empty, e.GetInt32("Attempts") ?? 1,
                e.GetDateTimeOffset("FirstParkedAt") ?? default, e.GetDateTimeOffset("LastAttemptAt") ?? default)
            : null;

    private static string Row(KpiSubject subject) => $"{subject.MerchantId}~{subject.Key}";
}
