using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Backoffice.Functions.Tests.CompileCheck;

/// <summary>A diagnostic of the compile check and, when it is excused, why (the unresolved SDK name it stems from).</summary>
internal sealed record CheckedDiagnostic(Diagnostic Diagnostic, string? ExcusedAs)
{
    public override string ToString() => $"{Diagnostic}{(ExcusedAs is null ? string.Empty : $"  [excused: {ExcusedAs}]")}";
}

/// <summary>
/// Sorts a compilation's warnings and errors into those caused by the unavailable SDKs (excused) and everything else
/// (failures). Excused: a using directive of one of their namespaces (CS0234/CS0246), a name from
/// <see cref="ExternalSymbols"/> that does not resolve (CS0246/CS0103/CS0234) in a file importing its namespace, and a
/// listed SDK extension method missing on a known type (CS1061). Nothing else, in particular no diagnostic about our
/// own types, members or signatures, whatever its code.
/// </summary>
internal static class OfflineCompileCheck
{
    private static readonly HashSet<string> UnresolvedName = new(StringComparer.Ordinal) { "CS0246", "CS0103", "CS0234" };

    public static IReadOnlyList<CheckedDiagnostic> Run(Compilation compilation) =>
        compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => new CheckedDiagnostic(d, Excuse(d)))
            .ToArray();

    public static IReadOnlyList<Diagnostic> Failures(IEnumerable<CheckedDiagnostic> diagnostics) =>
        diagnostics.Where(d => d.ExcusedAs is null).Select(d => d.Diagnostic).ToArray();

    private static string? Excuse(Diagnostic diagnostic)
    {
        if (!diagnostic.Location.IsInSource || diagnostic.Location.SourceTree is not { } tree)
        {
            return null;
        }

        var root = tree.GetRoot();
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (node.FirstAncestorOrSelf<UsingDirectiveSyntax>() is { Name: { } usingName }
            && diagnostic.Id is "CS0234" or "CS0246"
            && ExternalSymbols.IsExternalNamespace(usingName.ToString()))
        {
            return $"using {usingName}";
        }

        var imported = root.DescendantNodes().OfType<UsingDirectiveSyntax>().Select(u => u.Name?.ToString()).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (UnresolvedName.Contains(diagnostic.Id))
        {
            if (Outermost(node).ToString() is var qualified && qualified.Contains('.', StringComparison.Ordinal) && ExternalSymbols.IsExternalNamespace(Namespace(qualified)))
            {
                return qualified;
            }

            var name = Identifier(node);
            if (name is not null && Lookup(ExternalSymbols.Types, name) is { } ns && imported.Contains(ns))
            {
                return $"{ns}.{name}";
            }

            return null;
        }

        if (diagnostic.Id == "CS1061" && Identifier(node) is { } member
            && ExternalSymbols.ExtensionMethods.TryGetValue(member, out var extensionNamespace) && imported.Contains(extensionNamespace))
        {
            return $"{extensionNamespace}.{member}()";
        }

        return null;
    }

    private static string? Lookup(IReadOnlyDictionary<string, string> names, string name) =>
        names.TryGetValue(name, out var ns) ? ns
        : name.EndsWith("Attribute", StringComparison.Ordinal) && names.TryGetValue(name[..^"Attribute".Length], out ns) ? ns
        : null;

    private static string? Identifier(SyntaxNode node) => node switch
    {
        SimpleNameSyntax simple => simple.Identifier.Text,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.Text,
        MemberAccessExpressionSyntax access => access.Name.Identifier.Text,
        AttributeSyntax attribute => Identifier(attribute.Name),
        _ => node.ChildNodes().OfType<SimpleNameSyntax>().FirstOrDefault()?.Identifier.Text,
    };

    /// <summary>The whole dotted name a name is part of (<c>A.B.C</c> for the <c>B</c> in it).</summary>
    private static SyntaxNode Outermost(SyntaxNode node)
    {
        while (node.Parent is QualifiedNameSyntax or MemberAccessExpressionSyntax)
        {
            node = node.Parent;
        }

        return node;
    }

    private static string Namespace(string qualified) => qualified[..qualified.LastIndexOf('.')];
}
