namespace Backoffice.Local;

/// <summary>
/// Lets the demo seeder replay weeks of business history: while it travels, every component that reads the app's
/// <see cref="TimeProvider"/> (the decider's commands, the cash ledger's recorded-at, the KPI change feed) sees the
/// historical time, so the demo data looks like weeks of real work. Seeding runs before the host starts its runner
/// and API, and moves forward only.
/// </summary>
internal interface ISeedTimeline
{
    /// <summary>The real time now (where the seeder returns to).</summary>
    DateTimeOffset Present { get; }

    /// <summary>From now on the app's clock reads <paramref name="at"/> (moving on with real time).</summary>
    void TravelTo(DateTimeOffset at);

    void ReturnToPresent();
}

/// <summary>
/// The local host's clock when demo seeding is on: the system clock plus an offset that is zero except while the
/// seeder replays history. Timestamps (monotonic) and timers are the system's, so nothing that waits is affected.
/// </summary>
internal sealed class DemoClock(TimeProvider real) : TimeProvider, ISeedTimeline
{
    private long _offsetTicks;

    public DateTimeOffset Present => real.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => real.LocalTimeZone;

    public override long TimestampFrequency => real.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => real.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public override long GetTimestamp() => real.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        real.CreateTimer(callback, state, dueTime, period);

    public void TravelTo(DateTimeOffset at) => Interlocked.Exchange(ref _offsetTicks, (at - real.GetUtcNow()).Ticks);

    public void ReturnToPresent() => Interlocked.Exchange(ref _offsetTicks, 0);
}
