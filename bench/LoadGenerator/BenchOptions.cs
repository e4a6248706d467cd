using System.Globalization;

namespace Backoffice.LoadGenerator;

/// <summary>Command-line settings: <c>--name value</c> pairs, with defaults that suit a 2-core machine.</summary>
internal sealed class BenchOptions
{
    private readonly Dictionary<string, string> _values;

    private BenchOptions(string mode, Dictionary<string, string> values)
    {
        Mode = mode;
        _values = values;
    }

    public string Mode { get; }

    /// <summary>The host's base address (load mode; crash mode starts its own host on a free port).</summary>
    public Uri BaseUrl => new(Text("base-url", "http://127.0.0.1:7071"));

    /// <summary>Storage the host uses: for the raw baseline, the queue-drain waits and the end-of-run audit.</summary>
    public string Storage => Text("storage", string.Empty);

    public string Prefix => Text("prefix", string.Empty);

    /// <summary>Base64 key the host signs development tokens with (Auth:DevSigningKey); empty means ask /api/dev/token.</summary>
    public string DevKey => Text("dev-key", string.Empty);

    public int Merchants => Int("merchants", 10);

    public int Seed => Int("seed", 20261123);

    public TimeSpan StepDuration => TimeSpan.FromSeconds(Int("step-seconds", 15));

    public TimeSpan BaselineDuration => TimeSpan.FromSeconds(Int("baseline-seconds", 10));

    public TimeSpan IdleDuration => TimeSpan.FromSeconds(Int("idle-seconds", 10));

    /// <summary>
    /// Concurrent storefront senders while finding the maximum intake rate. 8 saturate two cores; with 32 against the
    /// current tree, Azurite 3.35.0 in memory stopped answering (see docs/measurements.md).
    /// </summary>
    public int SaturationSenders => Int("senders", 8);

    /// <summary>Simulated people per stage (operators, warehouse staff, couriers), each with a share of the merchants.</summary>
    public int WorkersPerStage => Int("workers", 3);

    /// <summary>Orders a worker handles at once (a person with several calls or parcels in hand).</summary>
    public int WorkerParallelism => Int("worker-parallelism", 4);

    public TimeSpan LifecycleLimit => TimeSpan.FromSeconds(Int("lifecycle-limit-seconds", 900));

    public string Results => Text("results", "bench/results");

    /// <summary>Bare Durable orchestrations of the order's shape run after the load, as the engine-cost yardstick (0: none).</summary>
    public int BareInstances => Int("bare-instances", 40);

    // Crash mode.
    public string HostDll => Text("host-dll", string.Empty);

    public int Orders => Int("orders", 200);

    public int Kills => Int("kills", 5);

    public TimeSpan CrashLimit => TimeSpan.FromSeconds(Int("limit-seconds", 170));

    public string Label => Text("label", string.Empty);

    public static BenchOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("load" or "crash"))
        {
            throw new ArgumentException("Usage: Backoffice.LoadGenerator load|crash [--name value]...");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected --name value, got '{args[i]}'.");
            }

            values[args[i][2..]] = args[i + 1];
        }

        return new BenchOptions(args[0], values);
    }

    private string Text(string name, string fallback) => _values.TryGetValue(name, out var v) ? v : fallback;

    private int Int(string name, int fallback) => _values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
