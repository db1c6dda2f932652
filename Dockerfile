# syntax=docker/dockerfile:1
# The DigitalTrade.Graph server (GraphQL API and explorer) with the corpus baked in.
#   docker build --build-arg SOURCE_REVISION=$(git rev-parse HEAD) -t digitaltrade-graph .
#   docker run --rm -p 8080:8080 --read-only --tmpfs /tmp digitaltrade-graph
# Configuration is by environment variable (README, "Container"); another corpus is mounted at /corpus
# with Corpus__Path=/corpus. The build stage has the SDK; the image has only the ASP.NET Core runtime.

ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src

# Restore from the project files alone, so the package layer is reused while the code changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/DigitalTrade.Graph.Model/DigitalTrade.Graph.Model.csproj src/DigitalTrade.Graph.Model/
COPY src/DigitalTrade.Graph.Corpus/DigitalTrade.Graph.Corpus.csproj src/DigitalTrade.Graph.Corpus/
COPY src/DigitalTrade.Graph.Search/DigitalTrade.Graph.Search.csproj src/DigitalTrade.Graph.Search/
COPY src/DigitalTrade.Graph.Stores.Embedded/DigitalTrade.Graph.Stores.Embedded.csproj src/DigitalTrade.Graph.Stores.Embedded/
COPY src/DigitalTrade.Graph.Stores.Neo4j/DigitalTrade.Graph.Stores.Neo4j.csproj src/DigitalTrade.Graph.Stores.Neo4j/
COPY src/DigitalTrade.Graph.Exports/DigitalTrade.Graph.Exports.csproj src/DigitalTrade.Graph.Exports/
COPY src/DigitalTrade.Graph.Api/DigitalTrade.Graph.Api.csproj src/DigitalTrade.Graph.Api/
COPY src/DigitalTrade.Graph.Explorer/DigitalTrade.Graph.Explorer.csproj src/DigitalTrade.Graph.Explorer/
COPY src/DigitalTrade.Graph.Host/DigitalTrade.Graph.Host.csproj src/DigitalTrade.Graph.Host/
RUN dotnet restore src/DigitalTrade.Graph.Host/DigitalTrade.Graph.Host.csproj

# What the build embeds from outside src/: the schema (API) and the editor's guide (diagnostic rules).
COPY schema.graphql README.md ./
COPY graph-seed/README.md graph-seed/
COPY src/ src/

# The commit for `dtgraph --version` and the API's serverVersion (.git is not sent to the build).
ARG SOURCE_REVISION=""
RUN dotnet publish src/DigitalTrade.Graph.Host/DigitalTrade.Graph.Host.csproj \
        -c Release --no-restore -o /app -p:UseAppHost=false -p:SourceRevisionId=${SOURCE_REVISION}

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
WORKDIR /app
COPY --from=build /app/ ./
COPY graph-seed/ graph-seed/

# Urls: the default (http://localhost:5080) is loopback only, which a container cannot be reached on. AllowedHosts
# keeps its default (localhost, 127.0.0.1, [::1]): a deployment lists its public names. Nothing is written
# at run time except the runtime's diagnostics socket in /tmp (give it a tmpfs, or set
# DOTNET_EnableDiagnostics=0); logs go to standard output. No snapshot cache: the baked corpus loads in
# seconds and the root file system is read-only (mount a volume and set Corpus__Cache__Enabled/Path for a large corpus).
ENV Urls=http://+:8080 \
    Corpus__Path=/app/graph-seed \
    Corpus__Cache__Enabled=false \
    Log__Format=text
EXPOSE 8080

# The image's non-root user (uid 1654); the application files stay root's, read-only to it.
USER $APP_UID

# No curl or wget in the runtime image: the app asks its own /healthz (dtgraph healthcheck, same configuration).
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["dotnet", "/app/dtgraph.dll", "healthcheck"]

ENTRYPOINT ["dotnet", "/app/dtgraph.dll"]
CMD ["serve"]
