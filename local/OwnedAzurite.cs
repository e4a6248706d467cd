using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Backoffice.Local;

/// <summary>
/// The pid file's record of an Azurite a local host started: its pid and start time (a pid alone may have been reused
/// by then), its ports, and the host's own pid and start time.
/// </summary>
internal sealed record OwnedAzurite(int Pid, DateTime StartedUtc, int[] Ports, int HostPid, DateTime HostStartedUtc)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static OwnedAzurite Of(Process azurite, int[] ports)
    {
        using var host = Process.GetCurrentProcess();
        return new(azurite.Id, azurite.StartTime.ToUniversalTime(), ports, host.Id, host.StartTime.ToUniversalTime());
    }

    public static OwnedAzurite? Read(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<OwnedAzurite>(File.ReadAllText(path), Json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    /// <summary>The recorded Azurite still runs: same pid, same start time, and an Azurite command line.</summary>
    public bool AzuriteIsAlive() =>
        IsSameProcess(Pid, StartedUtc) && ProcessTable.CommandLine(Pid).Contains("azurite", StringComparison.OrdinalIgnoreCase);

    public bool HostIsAlive() => HostPid != Environment.ProcessId && IsSameProcess(HostPid, HostStartedUtc);

    private static bool IsSameProcess(int pid, DateTime startedUtc)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited && Math.Abs((process.StartTime.ToUniversalTime() - startedUtc).TotalSeconds) < 1;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"azurite pid {Pid} on {string.Join('/', Ports)}, host pid {HostPid}");
}

/// <summary>What /proc says about other processes (Linux; elsewhere it knows nothing, and messages are less specific).</summary>
internal static class ProcessTable
{
    public sealed record Entry(int Pid, string CommandLine);

    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    /// <summary>An Azurite whose command line names <paramref name="dataFolder"/> as its location.</summary>
    public static Entry? AzuriteUsing(string dataFolder)
    {
        var folder = Path.GetFullPath(dataFolder).TrimEnd('/');
        return All().FirstOrDefault(e => e.CommandLine.Contains("azurite", StringComparison.OrdinalIgnoreCase)
            && (e.CommandLine.Contains("--location " + folder + " ", StringComparison.Ordinal) || e.CommandLine.EndsWith("--location " + folder, StringComparison.Ordinal)));
    }

    /// <summary>Processes with a listening TCP socket on one of <paramref name="ports"/> (socket inodes from /proc/net/tcp*).</summary>
    public static IReadOnlyList<Entry> ListeningOn(int[] ports)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length > 9 && f[3] == "0A" && int.TryParse(f[1][(f[1].LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var port) && ports.Contains(port))
                {
                    inodes.Add(f[9]);
                }
            }
        }

        return inodes.Count == 0 ? [] : All().Where(e => OwnsSocket(e.Pid, inodes)).ToArray();
    }

    private static bool OwnsSocket(int pid, HashSet<string> inodes)
    {
        try
        {
            return new DirectoryInfo($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/fd").EnumerateFileSystemInfos()
                .Any(fd => fd.LinkTarget is { } target && target.StartsWith("socket:[", StringComparison.Ordinal) && inodes.Contains(target[8..^1]));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static IEnumerable<Entry> All()
    {
        if (!Directory.Exists("/proc"))
        {
            yield break;
        }

        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid != Environment.ProcessId)
            {
                yield return new Entry(pid, CommandLine(pid));
            }
        }
    }
}
