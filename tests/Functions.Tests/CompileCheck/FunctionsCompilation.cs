using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Backoffice.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Backoffice.Functions.Tests.CompileCheck;

/// <summary>
/// Builds a Roslyn compilation of functions/**/*.cs as the project would be built, minus the three SDKs this registry
/// does not serve: against the ASP.NET Core and .NET reference assemblies and the project's own assemblies (Api, Infra,
/// Core and the packages they depend on). It is a compile check, not a build: no SDK source generators run.
/// </summary>
internal static class FunctionsCompilation
{
    /// <summary>The implicit global usings of Microsoft.NET.Sdk (ImplicitUsings is on for every project).</summary>
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    private static readonly Lazy<ImmutableArray<(string Name, MetadataReference Reference)>> FrameworkReferences = new(LoadFrameworkReferences);
    private static readonly Lazy<ImmutableArray<(string Name, string Path)>> ProjectAssemblies = new(FindProjectAssemblies);

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    public static string FunctionsDirectory => Path.Combine(AzuriteFixture.RepositoryRoot(), "functions");

    public static ImmutableArray<SyntaxTree> Sources() =>
        [
            .. Directory.EnumerateFiles(FunctionsDirectory, "*.cs", SearchOption.AllDirectories)
                .Where(p => !IsBuildOutput(p))
                .Order(StringComparer.Ordinal)
                .Select(p => CSharpSyntaxTree.ParseText(File.ReadAllText(p), ParseOptions, p)),
            CSharpSyntaxTree.ParseText(ImplicitUsings, ParseOptions, "ImplicitUsings.g.cs"),
        ];

    /// <summary>The project's assemblies by simple name (Backoffice.Api, .Infra, .Core and their package dependencies).</summary>
    public static ImmutableArray<(string Name, string Path)> Assemblies => ProjectAssemblies.Value;

    public static ImmutableArray<MetadataReference> References(IReadOnlyDictionary<string, MetadataReference>? replacing = null) =>
        [
            .. FrameworkReferences.Value.Select(f => f.Reference),
            .. Assemblies
                .Where(a => !FrameworkReferences.Value.Any(f => string.Equals(f.Name, a.Name, StringComparison.OrdinalIgnoreCase)))
                .Select(a => replacing is not null && replacing.TryGetValue(a.Name, out var replacement)
                    ? replacement
                    : MetadataReference.CreateFromFile(a.Path)),
        ];

    public static CSharpCompilation Create(IEnumerable<SyntaxTree> sources, IEnumerable<MetadataReference> references, string name = "Backoffice.Functions", OutputKind kind = OutputKind.ConsoleApplication) =>
        CSharpCompilation.Create(
            name,
            sources,
            references,
            new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: true));

    public static CSharpCompilation Functions(IReadOnlyDictionary<string, MetadataReference>? replacing = null) => Create(Sources(), References(replacing));

    private static bool IsBuildOutput(string path)
    {
        var relative = Path.GetRelativePath(FunctionsDirectory, path).Replace('\\', '/');
        return relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal);
    }

    /// <summary>.NET and ASP.NET Core reference assemblies from the SDK's packs, for the runtime's major version.</summary>
    private static ImmutableArray<(string Name, MetadataReference Reference)> LoadFrameworkReferences()
    {
        var runtime = new DirectoryInfo(Path.GetDirectoryName(typeof(object).Assembly.Location)!);
        var dotnetRoot = runtime.Parent!.Parent!.Parent!.FullName;
        var major = Environment.Version.Major;
        var references = new List<(string Name, MetadataReference Reference)>();
        foreach (var pack in new[] { "Microsoft.NETCore.App.Ref", "Microsoft.AspNetCore.App.Ref" })
        {
            var versions = new DirectoryInfo(Path.Combine(dotnetRoot, "packs", pack));
            var version = versions.Exists
                ? versions.EnumerateDirectories($"{major}.*").Select(d => (Dir: d, Version: Version.TryParse(d.Name.Split('-')[0], out var v) ? v : null))
                    .Where(x => x.Version is not null).OrderByDescending(x => x.Version).Select(x => x.Dir).FirstOrDefault()
                : null;
            var refDir = version is null ? null : Path.Combine(version.FullName, "ref", $"net{major}.0");
            if (refDir is null || !Directory.Exists(refDir))
            {
                throw new InvalidOperationException($"No {pack} {major}.x reference assemblies under {versions.FullName}.");
            }

            references.AddRange(Directory.EnumerateFiles(refDir, "*.dll").Select(p => (Path.GetFileNameWithoutExtension(p), (MetadataReference)MetadataReference.CreateFromFile(p))));
        }

        return [.. references];
    }

    /// <summary>
    /// Backoffice.Api and everything it references that sits in the test's output directory (not the framework): the
    /// project's own assemblies and their package dependencies, followed through assembly references.
    /// </summary>
    private static ImmutableArray<(string Name, string Path)> FindProjectAssemblies()
    {
        var directory = AppContext.BaseDirectory;
        var found = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Queue<string>(["Backoffice.Api"]);
        while (pending.TryDequeue(out var name))
        {
            var path = Path.Combine(directory, name + ".dll");
            if (found.ContainsKey(name) || !File.Exists(path))
            {
                continue;
            }

            found[name] = path;
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            var metadata = pe.GetMetadataReader();
            foreach (var handle in metadata.AssemblyReferences)
            {
                pending.Enqueue(metadata.GetString(metadata.GetAssemblyReference(handle).Name));
            }
        }

        return [.. found.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, kv.Value))];
    }
}
