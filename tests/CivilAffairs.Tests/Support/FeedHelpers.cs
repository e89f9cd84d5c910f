using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace CivilAffairs.Tests.Support;

public static class FeedHelpers
{
    /// <summary>Uploads a feed CSV as district staff, runs the validation job and accepts the snapshot.</summary>
    /// <summary>Imports and accepts a feed snapshot; as of the last day of last month unless told otherwise.</summary>
    public static async Task AcceptFeedAsync(this AppFactory app, HttpClient staff, string feed, string csv, DateOnly? asOf = null)
    {
        var today = DateOnly.FromDateTime(DateTime.Today);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(feed), "feed" }, { new StringContent((asOf ?? today.AddDays(-today.Day)).ToString("yyyy-MM-dd")), "asOf" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", $"{feed}-{Guid.NewGuid():N}.csv" },
        };
        var snapshot = await (await staff.PostAsync("/api/v1/verification/snapshots", content)).JsonAsync(HttpStatusCode.Accepted);
        await app.RunJobsAsync();
        var id = snapshot.GetProperty("id").GetInt32();
        var validated = await (await staff.GetAsync($"/api/v1/verification/snapshots/{id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("AwaitingAcceptance", validated.GetProperty("status").GetString());
        await (await staff.PostAsJsonAsync($"/api/v1/verification/snapshots/{id}/accept", new { version = validated.GetProperty("version").GetInt32() })).JsonAsync(HttpStatusCode.OK);
    }
}
