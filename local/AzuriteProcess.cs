using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Backoffice.Local;

/// <summary>
/// Starts Azurite (from the repository's pinned npm package) as a child process when no storage is configured,
/// keeping its data in a folder so a restart continues where it stopped; stops it with the host.
/// </summary>
internal sealed class AzuriteProcess : IDisposable
{
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;

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
        await WaitForPortsAsync([blobPort, queuePort, tablePort], process, ct).ConfigureAwait(false);
        return result;
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
