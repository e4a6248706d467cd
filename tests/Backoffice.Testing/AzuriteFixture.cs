using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Backoffice.Infra.Storage;
using Xunit;

namespace Backoffice.Testing;

/// <summary>
/// A real Azurite, in memory, on free ports, for one test collection. Each test gets its own name prefix, so tests
/// share the process but never each other's tables or queues. With <see cref="Location"/> set it keeps its data in
/// that folder instead (benchmarks that bulk-load Azurite's database between two starts).
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private Process? _process;

    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>A folder to keep the data in; null (the default) keeps it in memory.</summary>
    public string? Location { get; init; }

    public static string RepositoryRoot()
    {
        var stamped = typeof(AzuriteFixture).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (stamped is not null && File.Exists(Path.Combine(stamped, "package.json")))
        {
            return stamped.TrimEnd('/');
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "package.json")) && Directory.Exists(Path.Combine(dir.FullName, "core")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root not found.");
    }

    public async Task InitializeAsync()
    {
        var azurite = Path.Combine(RepositoryRoot(), "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed at {azurite}: run `npm ci` in the repository root.");
        }

        int blob = FreePort(), queue = FreePort(), table = FreePort();
        var info = new ProcessStartInfo(azurite) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] persistence = Location is null ? ["--inMemoryPersistence"] : ["--location", Location];
        foreach (var arg in (string[])
        [
            "--silent", .. persistence, "--skipApiVersionCheck", "--disableTelemetry", "--loose",
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", blob.ToString(CultureInfo.InvariantCulture), "--queuePort", queue.ToString(CultureInfo.InvariantCulture),
            "--tablePort", table.ToString(CultureInfo.InvariantCulture),
        ])
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("Azurite did not start.");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        foreach (var port in new[] { blob, queue, table })
        {
            await WaitForPortAsync(port);
        }

        ConnectionString = FormattableString.Invariant(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;");
    }

    /// <summary>
    /// Stops Azurite the way Ctrl+C does (SIGTERM), so an on-disk Azurite writes its database before it exits;
    /// <see cref="DisposeAsync"/> kills it instead.
    /// </summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process is not { HasExited: false })
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(wait.Token);
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Storage options with a fresh prefix: an empty, private namespace inside the shared Azurite.</summary>
    public StorageOptions NewNamespace() => new() { ConnectionString = ConnectionString, Prefix = "t" + Guid.NewGuid().ToString("N")[..10] };

    public async Task<StorageClients> NewStorageAsync(StorageOperationCounter? counter = null)
    {
        var clients = new StorageClients(NewNamespace(), counter);
        await StorageProvisioner.EnsureCreatedAsync(clients);
        return clients;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitForPortAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && _process is { HasExited: false })
            {
                await Task.Delay(100);
            }
        }
    }
}

/// <summary>
/// The collection name tests share the Azurite under. xUnit v2 needs the definition in each test assembly:
/// <c>[CollectionDefinition(AzuriteCollection.Name)] public sealed class AzuriteDefinition : ICollectionFixture&lt;AzuriteFixture&gt;;</c>
/// </summary>
public static class AzuriteCollection
{
    public const string Name = "Azurite";
}
