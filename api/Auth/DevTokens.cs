using System.Security.Claims;
using System.Security.Cryptography;
using Backoffice.Api.Problems;
using Backoffice.Core.Common;
using Backoffice.Core.Merchants;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Backoffice.Api.Auth;

/// <summary>
/// Development-only token issuer: lets a person (or a test) sign in as any role without Entra ID. Its key is random
/// per process unless configured, so its tokens are worthless anywhere else. Never registered outside Development.
/// </summary>
public sealed class DevTokenIssuer(TimeProvider clock, byte[]? key = null)
{
    public const string Issuer = "backoffice-dev";
    public const string Audience = "backoffice-api";

    public SymmetricSecurityKey SigningKey { get; } = new(key ?? RandomNumberGenerator.GetBytes(32));

    public string Issue(string role, string? merchantId, string? userId = null, TimeSpan? lifetime = null)
    {
        var now = clock.GetUtcNow();
        var claims = new Dictionary<string, object>
        {
            ["sub"] = userId ?? $"dev-{role}" + (merchantId is null ? string.Empty : $"-{merchantId}"),
            ["name"] = $"Dev {role}",
            [Tenancy.RoleClaim] = role,
        };
        if (merchantId is not null)
        {
            claims[Tenancy.MerchantClaim] = merchantId;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + (lifetime ?? TimeSpan.FromHours(8))).UtcDateTime,
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256),
        });
    }

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = SigningKey,
        RoleClaimType = Tenancy.RoleClaim,
        NameClaimType = "name",
        ClockSkew = TimeSpan.FromSeconds(30),
    };

    public sealed record TokenRequest(string? Role, string? MerchantId);

    public sealed record TokenResponse(string AccessToken, string Role, string? MerchantId, DateTimeOffset ExpiresAt);

    public static IResult Handle(TokenRequest request, DevTokenIssuer issuer, TimeProvider clock)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Role is null || !Roles.All.Contains(request.Role))
        {
            errors["role"] = [$"Choose one of: {string.Join(", ", Roles.All)}."];
        }

        if (request.Role == Roles.Merchant && !MerchantIds.IsValid(request.MerchantId))
        {
            errors["merchantId"] = ["A merchant token needs a valid merchantId."];
        }

        if (errors.Count > 0)
        {
            return Problems.Problems.Validation(errors, StatusCodes.Status400BadRequest);
        }

        var merchant = request.Role == Roles.Merchant ? request.MerchantId : null;
        var token = issuer.Issue(request.Role!, merchant);
        return Results.Ok(new TokenResponse(token, request.Role!, merchant, clock.GetUtcNow().AddHours(8)));
    }
}
