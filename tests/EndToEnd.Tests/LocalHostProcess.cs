using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Backoffice.Infra.Storage;
using Backoffice.Testing;

namespace Backoffice.EndToEnd.Tests;

/// <summary>The real local host as a separate process (Development, no Azurite of its own, no demo), for crash tests.</summary>
internal sealed class LocalHostProcess : IDisposable
{
    private readonly Process _process;

    private LocalHostProcess(Process process, HttpClient client)
    {
        _process = process;
        Client = client;
    }

    public HttpClient Client { get; }

    public static async Task<LocalHostProcess> StartAsync(StorageOptions storage, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Backoffice.Local.dll"));
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["Storage__ConnectionString"] = storage.ConnectionString;
        info.Environment["Storage__Prefix"] = storage.Prefix;
        info.Environment["Azurite__Start"] = "false";
        info.Environment["Demo__Seed"] = "false";
        info.Environment["Runner__IdlePoll"] = "00:00:00.200";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Web__Root"] = "/nonexistent";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var token = await client.PostAsync("/api/dev/token", new StringContent("{\"role\":\"operator\"}", System.Text.Encoding.UTF8, "application/json"));
                if (token.IsSuccessStatusCode)
                {
                    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await BackofficeHost.JsonAsync(token)).GetProperty("accessToken").GetString());
                    return new LocalHostProcess(process, client);
                }
            }
            catch (HttpRequestException) when (stopwatch.Elapsed < TimeSpan.FromSeconds(60) && !process.HasExited)
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>Whether the process has ended (a fault point may kill it from inside).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Waits for the process to end by itself (a fault point killed it), up to <paramref name="limit"/>.</summary>
    public bool WaitForExit(TimeSpan limit) => _process.WaitForExit(limit);

    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true); // SIGKILL: no graceful shutdown, no flushing.
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        Client.Dispose();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
