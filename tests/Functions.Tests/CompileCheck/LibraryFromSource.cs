using Backoffice.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Backoffice.Functions.Tests.CompileCheck;

/// <summary>
/// One of the project's libraries (infra/, api/) compiled from its source, optionally with a syntax change, as a
/// compilation reference: how a test shows that changing a signature functions/ relies on fails the compile check.
/// Only functions/ is diagnosed, so the library's own generated code ([GeneratedRegex]) is not needed.
/// </summary>
internal static class LibraryFromSource
{
    public static MetadataReference Compile(string folder, string assemblyName, Func<SyntaxTree, SyntaxTree>? change = null)
    {
        var directory = Path.Combine(AzuriteFixture.RepositoryRoot(), folder);
        var sources = Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(p => Path.GetRelativePath(directory, p).Replace('\\', '/') is var relative
                && !relative.StartsWith("obj/", StringComparison.Ordinal) && !relative.StartsWith("bin/", StringComparison.Ordinal))
            .Select(p => CSharpSyntaxTree.ParseText(File.ReadAllText(p), FunctionsCompilation.ParseOptions, p))
            .Select(t => change?.Invoke(t) ?? t)
            .Append(FunctionsCompilation.Sources().Single(t => t.FilePath == "ImplicitUsings.g.cs"));
        var references = FunctionsCompilation.References()
            .Where(r => !string.Equals(Path.GetFileNameWithoutExtension(r.Display), assemblyName, StringComparison.OrdinalIgnoreCase));
        return FunctionsCompilation.Create(sources, references, assemblyName, OutputKind.DynamicallyLinkedLibrary).ToMetadataReference();
    }
}
