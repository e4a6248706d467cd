using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Backoffice.Hardening.Tests;

/// <summary>
/// Sends bytes to Kestrel over a plain socket: HttpClient refuses to put CR, LF or NUL into a header, so header
/// injection can only be tried below it.
/// </summary>
internal static class RawHttp
{
    /// <summary>
    /// Sends the head first and gives the server a moment to refuse it: a server that answers a bad head and closes
    /// while body bytes are still unread resets the connection, which would lose its answer.
    /// </summary>
    public static async Task<ProbeResult> SendAsync(Uri server, RawRequest request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(request.Head);
        using var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        var early = stream.ReadAsync(buffer).AsTask();
        if (await Task.WhenAny(early, Task.Delay(TimeSpan.FromMilliseconds(500))) != early)
        {
            await stream.WriteAsync(request.Body);
        }

        try
        {
            var read = await early.WaitAsync(TimeSpan.FromSeconds(30));
            while (read > 0)
            {
                received.Write(buffer, 0, read);
                read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
        catch (IOException) when (received.Length > 0)
        {
            // The server closed hard after answering; what it said is already here.
        }

        return Parse(Encoding.Latin1.GetString(received.ToArray()));
    }

    /// <summary>A request head plus body; <paramref name="headerLines"/> are joined with CRLF exactly as given.</summary>
    public static RawRequest Request(string method, string path, Uri server, IEnumerable<string> headerLines, byte[] body)
    {
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"{method} {path} HTTP/1.1\r\n");
        head.Append(CultureInfo.InvariantCulture, $"Host: {server.Host}:{server.Port}\r\n");
        head.Append("Connection: close\r\n");
        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n");
        foreach (var line in headerLines)
        {
            head.Append(line).Append("\r\n");
        }

        head.Append("\r\n");
        return new RawRequest(Encoding.Latin1.GetBytes(head.ToString()), body);
    }

    private static ProbeResult Parse(string response)
    {
        var headEnd = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = headEnd < 0 ? response : response[..headEnd];
        var body = headEnd < 0 ? string.Empty : response[(headEnd + 4)..];
        var lines = head.Split("\r\n");
        var parts = lines[0].Split(' ');
        if (parts.Length < 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new InvalidOperationException($"Not an HTTP response: {response}");
        }

        var contentType = lines.Skip(1)
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            .Select(p => p[1].Split(';')[0].Trim())
            .FirstOrDefault();
        if (lines.Any(l => l.StartsWith("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase)))
        {
            body = Unchunk(body);
        }

        return new ProbeResult((HttpStatusCode)status, contentType, body);
    }

    private static string Unchunk(string body)
    {
        var result = new StringBuilder();
        var position = 0;
        while (position < body.Length)
        {
            var lineEnd = body.IndexOf("\r\n", position, StringComparison.Ordinal);
            if (lineEnd < 0)
            {
                break;
            }

            var size = int.Parse(body[position..lineEnd].Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                break;
            }

            result.Append(body, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }

        return result.ToString();
    }
}

/// <summary>Bytes of a request: the head (request line and headers, as written) and the body.</summary>
internal sealed record RawRequest(byte[] Head, byte[] Body);
