using System.Text.Json.Nodes;

namespace Infrastructure.Tests;

/// <summary>bicep/main.bicep compiled once per test run; each caller gets its own mutable copy.</summary>
public static class CompiledTemplate
{
    private static readonly Lazy<BicepResult> BuildLazy = new(() => BicepCli.Build(RepoPaths.MainBicep));

    public static BicepResult BuildResult => BuildLazy.Value;

    public static string Json
    {
        get
        {
            var result = BuildResult;
            if (result.ExitCode != 0 || string.IsNullOrWhiteSpace(result.StdOut))
            {
                throw new InvalidOperationException(
                    $"bicep build failed (exit {result.ExitCode}):\n{result.StdErr}");
            }

            return result.StdOut;
        }
    }

    /// <summary>A fresh, independently mutable parse of the compiled template.</summary>
    public static JsonObject Fresh() => ArmTemplate.Parse(Json);
}
