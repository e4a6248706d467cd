namespace Backoffice.Local;

/// <summary>
/// Whether this run seeds the demo merchants. Their webhook secret is published in the README, so a seeded host accepts
/// orders anyone can sign: that is fine on a developer's machine and dangerous anywhere reachable by others. Hence:
/// Development seeds when <c>Demo:Seed</c> says so (the default in local/appsettings.json); any other environment seeds
/// only with the explicit command-line flag <see cref="Flag"/>, and then says why that is risky in a warning. The decision
/// is written back to <c>Demo:Seed</c>, so every part that reads it (the seeder, the KPI start-up traffic) agrees.
/// </summary>
internal static class DemoGate
{
    public const string Flag = "--demo";

    public const string Setting = "Demo:Seed";

    public static bool Decide(IConfiguration configuration, IHostEnvironment environment, IReadOnlyList<string> args, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(args);
        var flagged = args.Any(a => string.Equals(a, Flag, StringComparison.OrdinalIgnoreCase) || string.Equals(a, Flag + "=true", StringComparison.OrdinalIgnoreCase));
        var configured = configuration.GetValue(Setting, false);
        bool seed;
        if (environment.IsDevelopment())
        {
            seed = configured || flagged;
        }
        else if (flagged)
        {
            seed = true;
            logger.LogWarning(
                "Seeding the demo merchants in {Environment} because of {Flag}: they accept webhooks signed with the demo secret published in the README, " +
                "so anyone who can reach this host can place orders for them. Never use {Flag} on a host others can reach.",
                environment.EnvironmentName, Flag, Flag);
        }
        else
        {
            seed = false;
            if (configured)
            {
                logger.LogWarning(
                    "{Setting} is on but the environment is {Environment}: the demo merchants are not seeded (their webhook secret is public). " +
                    "Run in Development, or pass {Flag} if you accept that risk.",
                    Setting, environment.EnvironmentName, Flag);
            }
        }

        configuration[Setting] = seed ? "true" : "false";
        return seed;
    }
}
