using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Xunit;

namespace Backoffice.EndToEnd.Tests;

/// <summary>
/// The one-command host (<c>dotnet run --project local</c>) as a real process: after a SIGKILL it replaces the Azurite it
/// orphaned instead of attaching to it, and Ctrl+C (SIGTERM) then stops everything. Linux only, like the product's
/// one-machine install.
/// </summary>
public sealed class LocalHostLifecycleTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "backoffice-lifecycle-" + Guid.NewGuid().ToString("N"));
    private readonly List<Process> _started = [];

    [Fact]
    public async Task After_a_sigkill_the_next_start_replaces_the_orphaned_azurite_and_ctrl_c_then_stops_everything()
    {
        int[] ports = [FreePort(), FreePort(), FreePort()];
        var first = Start(ports, out _);
        await WaitHealthyAsync(first);
        var orphan = ReadPidFile().GetProperty("pid").GetInt32();

        first.Process.Kill(); // SIGKILL to the host alone: its Azurite child is left running, as after kill -9.
        await first.Process.WaitForExitAsync();
        Assert.True(IsRunning(orphan), "the SIGKILLed host's Azurite should be orphaned, still running");
        Assert.All(ports, p => Assert.True(IsListening(p)));

        var second = Start(ports, out var logs);
        await WaitHealthyAsync(second);
        var fresh = ReadPidFile().GetProperty("pid").GetInt32();

        Assert.NotEqual(orphan, fresh);
        Assert.False(IsRunning(orphan), "the orphan should have been stopped");
        Assert.Contains(logs, l => l.Contains(FormattableString.Invariant($"Replacing an orphaned Azurite (pid {orphan}"), StringComparison.Ordinal));

        Signal(second.Process.Id, "TERM"); // what Ctrl+C in a terminal amounts to for the host.
        await second.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        await EventuallyAsync(() => !IsRunning(fresh) && !ports.Any(IsListening));
        Assert.False(IsRunning(fresh), "Azurite should stop with the host");
        Assert.DoesNotContain(ports, IsListening);
        Assert.False(File.Exists(PidFile), "a clean stop leaves no pid file");
    }

    [Fact]
    public async Task A_port_held_by_a_process_the_host_did_not_start_is_refused_with_a_clear_message()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var held = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var host = Start([held, FreePort(), FreePort()], out var logs);
        await host.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, host.Process.ExitCode);
        Assert.Contains(logs, l => l.Contains(FormattableString.Invariant($"Port {held} is in use by a process this host did not start"), StringComparison.Ordinal));
        Assert.True(IsListening(held), "the host must not touch a process it did not start");
    }

    public void Dispose()
    {
        foreach (var p in _started)
        {
            try
            {
                if (!p.HasExited)
                {
                    p.Kill(entireProcessTree: true);
                }
            }
            catch (InvalidOperationException)
            {
            }

            p.Dispose();
        }

        if (File.Exists(PidFile) && JsonDocument.Parse(File.ReadAllText(PidFile)).RootElement.GetProperty("pid").GetInt32() is var left && IsRunning(left))
        {
            using var azurite = Process.GetProcessById(left);
            azurite.Kill(entireProcessTree: true);
        }

        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string PidFile => Path.Combine(_data, "azurite.pid.json");

    private JsonElement ReadPidFile() => JsonDocument.Parse(File.ReadAllText(PidFile)).RootElement;

    private sealed record RunningHost(Process Process, Uri BaseUrl);

    private RunningHost Start(int[] azuritePorts, out ConcurrentQueue<string> logs)
    {
        var root = RepositoryRoot();
        var dll = Path.Combine(root, "local", "bin", "Release", "net10.0", "Backoffice.Local.dll");
        Assert.True(File.Exists(dll), $"{dll} is built with the tests (-c Release)");
        var url = new Uri(FormattableString.Invariant($"http://127.0.0.1:{FreePort()}"));
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root };
        info.ArgumentList.Add(dll);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_URLS"] = url.ToString().TrimEnd('/');
        info.Environment["Storage__ConnectionString"] = string.Empty;
        info.Environment["Azurite__Start"] = "true";
        info.Environment["Azurite__DataFolder"] = _data;
        info.Environment["Azurite__BlobPort"] = azuritePorts[0].ToString(CultureInfo.InvariantCulture);
        info.Environment["Azurite__QueuePort"] = azuritePorts[1].ToString(CultureInfo.InvariantCulture);
        info.Environment["Azurite__TablePort"] = azuritePorts[2].ToString(CultureInfo.InvariantCulture);
        info.Environment["Demo__Seed"] = "false";
        info.Environment["Web__Enabled"] = "false";
        info.Environment["Web__Root"] = "/nonexistent";
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the host.");
        _started.Add(process);
        var lines = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lines.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lines.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        logs = lines;
        return new RunningHost(process, url);
    }

    private static async Task WaitHealthyAsync(RunningHost host)
    {
        using var http = new HttpClient { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(host.Process.HasExited, "the host exited while starting");
            try
            {
                if ((await http.GetAsync("/api/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        Assert.Fail("the host did not become healthy in 120 s");
    }

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(100);
        }
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "package.json")) && Directory.Exists(Path.Combine(dir.FullName, "core")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root.");
    }
}
