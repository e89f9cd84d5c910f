using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CivilAffairs.Tests.Support;

public static partial class Http
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asserts a 400 problem-details answer whose errors name the given field with a message containing the text.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, string field, string text)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("errors", out var errors), problem.ToString());
        var match = errors.EnumerateObject().FirstOrDefault(e => string.Equals(e.Name, field, StringComparison.OrdinalIgnoreCase));
        Assert.True(match.Value.ValueKind == JsonValueKind.Array, $"no error for '{field}' in {errors}");
        Assert.Contains(match.Value.EnumerateArray(), m => m.GetString()!.Contains(text, StringComparison.Ordinal));
        return problem;
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body);

    /// <summary>Signs a cookie client in through the login page (with its antiforgery token).</summary>
    public static async Task SignInPageAsync(this HttpClient client, string userName, string password)
    {
        var form = await client.GetStringAsync("/Account/Login");
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = Token(form),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    public static string Token(string html) => TokenPattern().Match(html).Groups[1].Value;


    private static Regex TokenPattern() => new("__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
}
