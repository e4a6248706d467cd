using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Backoffice.LoadGenerator;

/// <summary>The local host (Backoffice.Local.dll) as a child process that the crash run kills with SIGKILL and starts again.</summary>
internal sealed class LocalHostProcess(string hostDll, string storage, string prefix, string devKey) : IDisposable
{
    private Process? _process;

    public int Port { get; } = FreePort();

    public Uri BaseUrl => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>The id of the process last started, also once it has exited (a host that killed itself).</summary>
    public int? LastProcessId { get; private set; }

    public bool Exited => _process is null || _process.HasExited;

    /// <summary>Starts the host; <paramref name="killAfterCommit"/> arms its fault point (Faults:KillAfterCommit, Development only).</summary>
    public void Start(string? killAfterCommit = null)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(hostDll);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_URLS"] = BaseUrl.ToString().TrimEnd('/');
        info.Environment["Storage__ConnectionString"] = storage;
        info.Environment["Storage__Prefix"] = prefix;
        info.Environment["Auth__DevSigningKey"] = devKey;
        info.Environment["Azurite__Start"] = "false";
        info.Environment["Demo__Seed"] = "false";
        info.Environment["Web__Enabled"] = "false";
        info.Environment["Web__Root"] = "/nonexistent";
        info.Environment["Runner__IdlePoll"] = "00:00:00.200";
        info.Environment["Logging__LogLevel__Default"] = "Error";
        info.Environment["RateLimits__Enabled"] = "false"; // one client address stands in for every storefront and person
        if (killAfterCommit is not null)
        {
            info.Environment["Faults__KillAfterCommit"] = killAfterCommit;
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the host.");
        LastProcessId = _process.Id;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>SIGKILL: no graceful shutdown, no flushing, requests in flight die with the process.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose() => Kill();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
