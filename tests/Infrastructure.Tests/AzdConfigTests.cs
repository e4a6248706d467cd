using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace Infrastructure.Tests;

/// <summary>azure.yaml and bicep/main.parameters.json agree with bicep/main.bicep.</summary>
public sealed partial class AzdConfigTests
{
    [Fact]
    public void Azure_yaml_points_azd_at_the_bicep_folder()
    {
        var yaml = ReadYaml(RepoPaths.AzureYaml);

        Assert.False(string.IsNullOrWhiteSpace(yaml.GetValueOrDefault("name")), "azure.yaml needs a name");
        Assert.Equal("bicep", yaml.GetValueOrDefault("infra.provider"));
        Assert.Equal("bicep", yaml.GetValueOrDefault("infra.path")?.TrimStart('.', '/'));
        var module = yaml.GetValueOrDefault("infra.module") ?? "main";
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "bicep", module + ".bicep")), $"bicep/{module}.bicep does not exist");
    }

    [Fact]
    public void Azure_yaml_declares_the_api_and_web_services()
    {
        var yaml = ReadYaml(RepoPaths.AzureYaml);

        Assert.Equal("./functions", yaml.GetValueOrDefault("services.api.project"));
        Assert.Equal("dotnet", yaml.GetValueOrDefault("services.api.language"));
        Assert.Equal("function", yaml.GetValueOrDefault("services.api.host"));

        Assert.Equal("./web", yaml.GetValueOrDefault("services.web.project"));
        Assert.Equal("dotnet", yaml.GetValueOrDefault("services.web.language"));
        Assert.Equal("staticwebapp", yaml.GetValueOrDefault("services.web.host"));
        Assert.EndsWith("publish/wwwroot", yaml.GetValueOrDefault("services.web.dist") ?? "", StringComparison.Ordinal);

        var services = yaml.Keys
            .Where(k => k.StartsWith("services.", StringComparison.Ordinal))
            .Select(k => k.Split('.')[1])
            .ToHashSet(StringComparer.Ordinal);
        Assert.Equal(new HashSet<string> { "api", "web" }, services);
    }

    [Fact]
    public void Every_azure_yaml_service_has_a_resource_tagged_with_its_name()
    {
        var yaml = ReadYaml(RepoPaths.AzureYaml);
        var json = CompiledTemplate.Json;

        foreach (var service in new[] { "api", "web" })
        {
            Assert.True(yaml.ContainsKey($"services.{service}.host"));
            Assert.Contains($"'azd-service-name', '{service}'", json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parameters_file_supplies_every_required_parameter_and_nothing_unknown()
    {
        var declared = CompiledTemplate.Fresh()["parameters"]!.AsObject();
        var supplied = JsonNode.Parse(File.ReadAllText(RepoPaths.MainParameters))!["parameters"]!.AsObject();

        foreach (var (name, _) in supplied)
        {
            Assert.True(declared.ContainsKey(name), $"main.parameters.json sets '{name}', which main.bicep does not declare");
        }

        foreach (var (name, definition) in declared)
        {
            if (definition?["defaultValue"] is null)
            {
                Assert.True(supplied.ContainsKey(name), $"main.bicep parameter '{name}' has no default and main.parameters.json does not set it");
            }
        }

        foreach (var (name, value) in supplied)
        {
            // Values come from the azd environment (${VAR} or ${VAR=default}); literals are fine for
            // non-secret tuning knobs, but never a key.
            var text = value?["value"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?["value"]?.ToJsonString() ?? "";
            if (text.Contains("${", StringComparison.Ordinal))
            {
                Assert.Matches(AzdEnvReference(), text);
            }

            Assert.DoesNotContain("AccountKey=", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessKey", text, StringComparison.OrdinalIgnoreCase);
            Assert.False(declared[name]?["type"]?.GetValue<string>() is "securestring" or "secureObject" && !text.Contains("${", StringComparison.Ordinal),
                $"secure parameter '{name}' must come from the azd environment, not a literal");
        }
    }

    /// <summary>
    /// A deliberately small YAML reader for azure.yaml: nested mappings of scalars, flattened to dotted keys
    /// ("services.api.host" → "function"). Lists and multi-line scalars are skipped.
    /// </summary>
    private static Dictionary<string, string> ReadYaml(string path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var stack = new List<(int Indent, string Key)>();
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = StripComment(raw);
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('-'))
            {
                continue;
            }

            var indent = line.Length - line.TrimStart().Length;
            var match = YamlEntry().Match(line.Trim());
            if (!match.Success)
            {
                continue;
            }

            stack.RemoveAll(e => e.Indent >= indent);
            var key = match.Groups["key"].Value;
            var value = match.Groups["value"].Value.Trim().Trim('"', '\'');
            var full = string.Join('.', stack.Select(e => e.Key).Append(key));
            if (value.Length == 0)
            {
                stack.Add((indent, key));
            }
            else
            {
                result[full] = value;
            }
        }

        return result;
    }

    private static string StripComment(string line)
    {
        var hash = line.IndexOf(" #", StringComparison.Ordinal);
        return line.TrimStart().StartsWith('#') ? "" : hash >= 0 ? line[..hash] : line;
    }

    [GeneratedRegex(@"^(?<key>[A-Za-z0-9_-]+):(?:\s+(?<value>.*))?$")]
    private static partial Regex YamlEntry();

    [GeneratedRegex(@"^\$\{[A-Z0-9_]+(=[^}]*)?\}$")]
    private static partial Regex AzdEnvReference();
}
