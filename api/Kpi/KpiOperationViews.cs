using Backoffice.Infra.Kpi;

namespace Backoffice.Api.Kpi;

/// <summary>A merchant's reported traffic over a range: the value per day as it stands, and every report received (the audit trail).</summary>
public sealed record TrafficView(string MerchantId, DateOnly From, DateOnly To, IReadOnlyList<TrafficValue> Days, IReadOnlyList<TrafficReport> Reports);

/// <summary>
/// Where the roll-up stands: the change-feed position it has processed up to (absent before the first run), when it
/// moved, what its last run did, and the subjects it could not process.
/// </summary>
public sealed record RollupStatusView(DateTimeOffset? Position, DateTimeOffset? UpdatedAt, KpiRollupResult? LastRun, IReadOnlyList<ParkedSubjectView> Parked);

/// <summary>A subject the roll-up parked: whose, which kind (order or traffic) and id, the version it was after, why, how often, since when.</summary>
public sealed record ParkedSubjectView(
    string MerchantId, string Kind, string SubjectId, long Version, string Error, int Attempts, DateTimeOffset FirstParkedAt, DateTimeOffset LastAttemptAt)
{
    public static ParkedSubjectView Of(KpiParkedSubject p) => new(
        p.Subject.MerchantId, p.Subject.Kind.ToString().ToLowerInvariant(), p.Subject.Id, p.Version, p.Error, p.Attempts, p.FirstParkedAt, p.LastAttemptAt);
}
