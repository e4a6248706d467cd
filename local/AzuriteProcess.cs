using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Backoffice.Local;

/// <summary>
/// Starts Azurite (from the repository's pinned npm package) as a child process when no storage is configured,
/// keeping its data in a folder so a restart continues where it stopped; stops it with the host.
/// The host owns its Azurite: it records the child's pid, start time and ports (and its own) in
/// <c>azurite.pid.json</c> in the data folder. A host killed with SIGKILL cannot stop its child, so on the next
/// start an Azurite that this file names, whose host is gone, is an orphan: it is killed and a fresh one started,
/// and the log says so. Anything else holding the ports or the data folder is refused with a message naming it —
/// the host never carries on against an Azurite it did not start.
/// </summary>
internal sealed class AzuriteProcess : IDisposable
{
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const string PidFileName = "azurite.pid.json";

    private readonly Process _process;

    private string? _pidFile;

    private AzuriteProcess(Process process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        ConnectionString = FormattableString.Invariant(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;");
    }

    public string ConnectionString { get; }

    public int ProcessId => _process.Id;

    public static string FindRepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "package.json")) && Directory.Exists(Path.Combine(dir.FullName, "core")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (package.json next to core/).");
    }

    public static async Task<AzuriteProcess> StartAsync(string root, string? dataFolder, int blobPort, int queuePort, int tablePort, ILogger logger, CancellationToken ct)
    {
        var azurite = Path.Combine(root, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            logger.LogInformation("Azurite is not installed yet; running npm ci in {Root}", root);
            using var npm = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund") { WorkingDirectory = root })
                ?? throw new InvalidOperationException("Could not start npm.");
            await npm.WaitForExitAsync(ct).ConfigureAwait(false);
            if (npm.ExitCode != 0)
            {
                throw new InvalidOperationException("npm ci failed; install Node.js 20+ and retry.");
            }
        }

        var stateFolder = dataFolder ?? Path.Combine(root, ".local-data", FormattableString.Invariant($"azurite-memory-{blobPort}"));
        Directory.CreateDirectory(stateFolder);
        var pidFile = Path.Combine(stateFolder, PidFileName);
        int[] ports = [blobPort, queuePort, tablePort];
        await ReplaceOrphanAsync(pidFile, ports, logger, ct).ConfigureAwait(false);
        RefuseForeignHolders(ports, dataFolder);

        var args = new List<string>
        {
            "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--loose",
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", blobPort.ToString(CultureInfo.InvariantCulture),
            "--queuePort", queuePort.ToString(CultureInfo.InvariantCulture),
            "--tablePort", tablePort.ToString(CultureInfo.InvariantCulture),
        };
        if (dataFolder is null)
        {
            args.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(dataFolder);
            args.AddRange(["--location", dataFolder]);
        }

        var info = new ProcessStartInfo(azurite) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start Azurite.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrWhiteSpace(e.Data))
            {
                logger.LogWarning("azurite: {Line}", e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var result = new AzuriteProcess(process, blobPort, queuePort, tablePort);
        OwnedAzurite.Of(process, ports).Write(pidFile);
        result._pidFile = pidFile;
        try
        {
            await WaitForPortsAsync(ports, process, ct).ConfigureAwait(false);
        }
        catch
        {
            result.Dispose();
            throw;
        }

        return result;
    }

    /// <summary>
    /// An Azurite an earlier run of this host started and left behind (its host was SIGKILLed): killed, so a fresh
    /// one can take the ports. One whose host still runs belongs to that host, and this start is refused.
    /// </summary>
    private static async Task ReplaceOrphanAsync(string pidFile, int[] ports, ILogger logger, CancellationToken ct)
    {
        if (OwnedAzurite.Read(pidFile) is not { } recorded)
        {
            return;
        }

        if (!recorded.AzuriteIsAlive())
        {
            File.Delete(pidFile);
            return;
        }

        if (recorded.HostIsAlive())
        {
            throw new InvalidOperationException(FormattableString.Invariant(
                $"Azurite (pid {recorded.Pid}, ports {string.Join('/', recorded.Ports)}) belongs to another local host that is still running (pid {recorded.HostPid}); stop that host first (Ctrl+C) or give this one other Azurite ports and data folder."));
        }

        logger.LogWarning(
            "Replacing an orphaned Azurite (pid {Pid}, ports {Ports}) left by an earlier run of this host (pid {HostPid}, no longer running): stopping it and starting a fresh one",
            recorded.Pid, string.Join('/', recorded.Ports), recorded.HostPid);
        using (var orphan = Process.GetProcessById(recorded.Pid))
        {
            orphan.Kill(entireProcessTree: true);
            await orphan.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
        }

        File.Delete(pidFile);
        await WaitForPortsFreeAsync(recorded.Ports.Intersect(ports).ToArray(), ct).ConfigureAwait(false);
    }

    /// <summary>Ports or the data folder held by something this host did not start: refused, naming the holder when it can.</summary>
    private static void RefuseForeignHolders(int[] ports, string? dataFolder)
    {
        var busy = ports.Where(IsListening).ToArray();
        if (busy.Length > 0)
        {
            var holders = ProcessTable.ListeningOn(busy).Select(p => FormattableString.Invariant($"pid {p.Pid} ({p.CommandLine})")).ToArray();
            throw new InvalidOperationException(FormattableString.Invariant(
                $"Port {string.Join(", ", busy)} is in use by a process this host did not start{(holders.Length > 0 ? ": " + string.Join("; ", holders) : string.Empty)}. ")
                + "Stop it, or set Azurite:BlobPort/QueuePort/TablePort (or Storage:ConnectionString to use it deliberately).");
        }

        if (dataFolder is not null && ProcessTable.AzuriteUsing(dataFolder) is { } other)
        {
            throw new InvalidOperationException(FormattableString.Invariant(
                $"Azurite pid {other.Pid} ({other.CommandLine}) already keeps its data in {dataFolder} and was not started by this host. Stop it, or set Azurite:DataFolder."));
        }
    }

    private static bool IsListening(int port)
    {
        try
        {
            using var listener = new TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    private static async Task WaitForPortsFreeAsync(int[] ports, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (ports.Any(IsListening) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, ct).ConfigureAwait(false);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        if (_pidFile is not null && OwnedAzurite.Read(_pidFile)?.Pid == _process.Id)
        {
            File.Delete(_pidFile);
        }

        _process.Dispose();
    }

    private static async Task WaitForPortsAsync(int[] ports, Process process, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var port in ports)
        {
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} (is port {port} in use?).");
                }

                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(System.Net.IPAddress.Loopback, port, ct).ConfigureAwait(false);
                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(100, ct).ConfigureAwait(false);
                }
            }
        }
    }
}
