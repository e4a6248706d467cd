using System.Reflection;
using System.Text.Json.Nodes;
using Backoffice.Testing;

namespace Backoffice.Functions.Tests.Surface;

/// <summary>An HTTP route a function serves: method and the full path pattern (route prefix "api" included).</summary>
internal sealed record HttpRoute(string Method, string Pattern)
{
    public override string ToString() => $"{Method} {Pattern}";
}

/// <summary>One function as the Functions SDK declared it: name, entry point, bindings (the trigger first).</summary>
internal sealed record FunctionEntry(string Name, string EntryPoint, IReadOnlyList<JsonObject> Bindings)
{
    public JsonObject Trigger => Bindings.First(b => ((string?)b["type"])!.EndsWith("Trigger", StringComparison.Ordinal));

    public string TriggerType => (string)Trigger["type"]!;

    public IEnumerable<string> BindingTypes => Bindings.Select(b => (string)b["type"]!);
}

/// <summary>
/// functions/ as the Functions SDK's build describes it to the host: <c>functions.metadata</c>, written next to the worker
/// (this test project builds functions/ first, in its own configuration).
/// </summary>
internal sealed class FunctionsMetadata
{
    public const string RoutePrefix = "api";
    private static readonly Lazy<FunctionsMetadata> Loaded = new(Load);

    private FunctionsMetadata(IReadOnlyList<FunctionEntry> functions) => Functions = functions;

    public static FunctionsMetadata Current => Loaded.Value;

    public static string FunctionsDirectory => Path.Combine(AzuriteFixture.RepositoryRoot(), "functions");

    public static string FilePath => Path.Combine(FunctionsDirectory, "bin", Configuration, "net10.0", "functions.metadata");

    public IReadOnlyList<FunctionEntry> Functions { get; }

    public IEnumerable<FunctionEntry> WithTrigger(string type) => Functions.Where(f => f.TriggerType == type);

    public IEnumerable<(HttpRoute Route, FunctionEntry Function)> HttpRoutes() =>
        from f in WithTrigger("httpTrigger")
        from method in f.Trigger["methods"]!.AsArray().Select(m => ((string)m!).ToUpperInvariant())
        select (new HttpRoute(method, "/" + RoutePrefix + "/" + ((string?)f.Trigger["route"] ?? f.Name).Trim('/')), f);

    private static string Configuration =>
        typeof(FunctionsMetadata).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    private static FunctionsMetadata Load()
    {
        if (!File.Exists(FilePath))
        {
            throw new InvalidOperationException(
                $"{FilePath} is missing: build functions/Backoffice.Functions.csproj -c {Configuration} (building this test project does it).");
        }

        var entries = JsonNode.Parse(File.ReadAllText(FilePath))!.AsArray().Select(n => n!.AsObject()).Select(o => new FunctionEntry(
            (string)o["name"]!,
            (string)o["entryPoint"]!,
            o["bindings"]!.AsArray().Select(b => b!.AsObject()).ToArray()));
        return new FunctionsMetadata(entries.ToArray());
    }
}
