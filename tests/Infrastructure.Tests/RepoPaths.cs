namespace Infrastructure.Tests;

/// <summary>Locates files of the repository from the test's output folder.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    /// <summary>The repository root: the nearest ancestor holding bicep/main.bicep.</summary>
    public static string Root => RootLazy.Value;

    public static string MainBicep => Path.Combine(Root, "bicep", "main.bicep");

    public static string MainParameters => Path.Combine(Root, "bicep", "main.parameters.json");

    public static string AzureYaml => Path.Combine(Root, "azure.yaml");

    public static string CheckScript => Path.Combine(Root, "scripts", "bicep-check.sh");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "bicep", "main.bicep")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No ancestor of {AppContext.BaseDirectory} contains bicep/main.bicep.");
    }
}
