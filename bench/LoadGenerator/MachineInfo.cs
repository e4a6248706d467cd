using System.Runtime.InteropServices;
using System.Text.Json;

namespace Backoffice.LoadGenerator;

/// <summary>What the figures were measured on: they mean little without it.</summary>
internal static class MachineInfo
{
    public static IReadOnlyList<(string Name, string Value)> Describe(string repositoryRoot) =>
    [
        ("CPU", Cpu()),
        ("logical cores", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("memory", Memory()),
        ("OS", OperatingSystem()),
        (".NET", RuntimeInformation.FrameworkDescription),
        ("Azurite", Azurite(repositoryRoot)),
        ("commit", Environment.GetEnvironmentVariable("BENCH_COMMIT") ?? "unknown"),
    ];

    private static string Cpu() => ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();

    private static string Memory() => ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal)) is { } line
        ? $"{long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024 / 1024} GiB"
        : "unknown";

    private static string OperatingSystem() => ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"')
        ?? RuntimeInformation.OSDescription;

    private static string Azurite(string root)
    {
        var file = Path.Combine(root, "node_modules", "azurite", "package.json");
        return File.Exists(file) ? JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("version").GetString() ?? "unknown" : "unknown";
    }

    private static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];
}
