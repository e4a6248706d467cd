using Xunit;

namespace Infrastructure.Tests;

/// <summary><c>bicep build</c> and <c>bicep lint</c> of bicep/main.bicep must print nothing at all.</summary>
public sealed class BicepBuildTests
{
    [Fact]
    public void Main_bicep_builds_without_any_diagnostic()
    {
        var result = CompiledTemplate.BuildResult;

        Assert.True(result.ExitCode == 0, $"bicep build exited {result.ExitCode}:\n{result.StdErr}");
        Assert.True(result.Diagnostics.Count == 0, "bicep build diagnostics:\n" + string.Join('\n', result.Diagnostics));
        Assert.True(string.IsNullOrWhiteSpace(result.StdErr), "bicep build wrote to stderr:\n" + result.StdErr);
        Assert.StartsWith("{", result.StdOut.TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public void Main_bicep_lints_with_zero_warnings()
    {
        var result = BicepCli.Lint(RepoPaths.MainBicep);

        Assert.True(result.ExitCode == 0, $"bicep lint exited {result.ExitCode}:\n{result.StdErr}{result.StdOut}");
        Assert.True(result.Diagnostics.Count == 0, "bicep lint diagnostics:\n" + string.Join('\n', result.Diagnostics));
        Assert.True(string.IsNullOrWhiteSpace(result.StdErr + result.StdOut), "bicep lint printed:\n" + result.StdErr + result.StdOut);
    }

    [Fact]
    public void Lint_check_catches_warnings_in_a_file_that_has_them()
    {
        using var dir = new TempDir();
        var file = dir.Write("warned.bicep", """
            param unused string
            output login string = 'https://login.microsoftonline.com/'
            """);

        var diagnostics = BicepCli.Lint(file).Diagnostics;

        Assert.Contains(diagnostics, d => d is { Level: "Warning", Code: "no-unused-params" });
        Assert.Contains(diagnostics, d => d is { Level: "Warning", Code: "no-hardcoded-env-urls" });
    }

    [Fact]
    public void Build_check_catches_errors_in_broken_bicep()
    {
        using var dir = new TempDir();
        var file = dir.Write("broken.bicep", "resource x = {\n");

        var result = BicepCli.Build(file);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(result.Diagnostics, d => d.Level == "Error");
    }

    [Fact]
    public void Every_module_compiles_into_a_nested_deployment()
    {
        var deployments = ArmTemplate.OfType(CompiledTemplate.Fresh(), "Microsoft.Resources/deployments")
            .Select(d => d.Name)
            .ToHashSet(StringComparer.Ordinal);
        var modules = Directory.GetFiles(Path.Combine(RepoPaths.Root, "bicep", "modules"), "*.bicep")
            .Select(Path.GetFileNameWithoutExtension)
            .ToList();

        Assert.NotEmpty(modules);
        foreach (var module in modules)
        {
            Assert.True(deployments.Contains(module!), $"module {module}.bicep is not deployed by main.bicep (deployments: {string.Join(", ", deployments)})");
        }
    }

    [Fact]
    public void Check_script_passes_on_the_repo_and_fails_on_a_warning()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // bash script; CI runs on Linux
        }

        using var dir = new TempDir();
        var warned = dir.Write("warned.bicep", "param unused string\n");

        var clean = RunScript();
        var dirty = RunScript(warned);

        Assert.True(clean.ExitCode == 0, $"bicep-check.sh failed on the repo:\n{clean.Output}");
        Assert.True(dirty.ExitCode != 0, $"bicep-check.sh passed a file with a warning:\n{dirty.Output}");
        Assert.Contains("no-unused-params", dirty.Output, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output) RunScript(params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        start.ArgumentList.Add(RepoPaths.CheckScript);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["BICEP"] = BicepCli.Executable;
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.GetAwaiter().GetResult() + stderr.GetAwaiter().GetResult());
    }
}

/// <summary>A temporary directory removed on dispose.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = Directory.CreateTempSubdirectory("infra-tests-").FullName;
    }

    public string Path { get; }

    public string Write(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, content);
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
