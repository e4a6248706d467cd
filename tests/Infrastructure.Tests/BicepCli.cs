using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Infrastructure.Tests;

/// <summary>One diagnostic printed by bicep, e.g. <c>main.bicep(3,7) : Warning no-unused-params: ...</c>.</summary>
public sealed record BicepDiagnostic(string File, int Line, int Column, string Level, string Code, string Message)
{
    public override string ToString() => $"{System.IO.Path.GetFileName(File)}({Line},{Column}) {Level} {Code}: {Message}";
}

public sealed record BicepResult(int ExitCode, string StdOut, string StdErr)
{
    public IReadOnlyList<BicepDiagnostic> Diagnostics => BicepCli.ParseDiagnostics(StdErr + "\n" + StdOut);
}

/// <summary>
/// Runs the bicep CLI from the NuGet package Azure.Bicep.CommandLine.linux-x64 (restored by this
/// project's PackageDownload). Lookup order: $BICEP, the path recorded at build time, the NuGet cache, PATH.
/// </summary>
public static partial class BicepCli
{
    private static readonly Lazy<string> ExecutableLazy = new(Locate);

    public static string Executable => ExecutableLazy.Value;

    public static BicepResult Build(string file) => Run("build", file, "--stdout");

    public static BicepResult Lint(string file) => Run("lint", file);

    public static BicepResult Run(params string[] args)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {Executable}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', args)} did not finish in 3 minutes");
        }

        process.WaitForExit();
        return new BicepResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    public static IReadOnlyList<BicepDiagnostic> ParseDiagnostics(string text) =>
        DiagnosticLine().Matches(text)
            .Select(m => new BicepDiagnostic(
                m.Groups["file"].Value,
                int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(m.Groups["col"].Value, System.Globalization.CultureInfo.InvariantCulture),
                m.Groups["level"].Value,
                m.Groups["code"].Value,
                m.Groups["message"].Value.Trim()))
            .Distinct()
            .ToList();

    [GeneratedRegex(@"^(?<file>.+?)\((?<line>\d+),(?<col>\d+)\) : (?<level>Error|Warning|Info) (?<code>[A-Za-z0-9-]+): (?<message>.*)$", RegexOptions.Multiline)]
    private static partial Regex DiagnosticLine();

    private static string Locate()
    {
        var version = Metadata("BicepCliVersion") ?? "0.49.2";
        var candidates = new List<string?>
        {
            Environment.GetEnvironmentVariable("BICEP"),
            Metadata("BicepCliPath"),
        };
        var nugetRoot = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (!string.IsNullOrEmpty(nugetRoot))
        {
            candidates.Add(Path.Combine(nugetRoot, "azure.bicep.commandline.linux-x64", version, "tools", "bicep"));
        }

        candidates.Add(Path.Combine(
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
            ".nuget", "packages", "azure.bicep.commandline.linux-x64", version, "tools", "bicep"));
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "bicep")));

        foreach (var candidate in candidates)
        {
            if (!string.IsNullOrEmpty(candidate) && File.Exists(candidate))
            {
                EnsureExecutable(candidate);
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"bicep {version} not found. Restore tests/Infrastructure.Tests (PackageDownload Azure.Bicep.CommandLine.linux-x64) "
            + "or set BICEP=/path/to/bicep. Looked in: " + string.Join(", ", candidates.Where(c => !string.IsNullOrEmpty(c)).Take(4)));
    }

    private static void EnsureExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if (!mode.HasFlag(UnixFileMode.UserExecute))
        {
            // NuGet extracts without the execute bit.
            File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
    }

    private static string? Metadata(string key) =>
        typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value;
}
