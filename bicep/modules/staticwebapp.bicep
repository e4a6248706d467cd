// Static Web App (Standard) hosting the Blazor WebAssembly operator console.
// The Function App is linked as its backend: SWA forwards /api/* to it, so the console and the API
// share one origin (no CORS). Note: SWA replaces the Authorization header on proxied calls; see
// docs/deployment.md ("Tokens and the Static Web App proxy").

@description('Static Web App name.')
param name string

@description('Region of the Static Web App (only a few regions host SWA; content is served globally).')
param location string

@description('Tags applied to the Static Web App.')
param tags object = {}

@description('Resource id of the Function App to link as the backend.')
param backendResourceId string

@description('Region of the Function App.')
param backendLocation string

resource staticWebApp 'Microsoft.Web/staticSites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'web' }) // azd finds the service's resource by this tag (azure.yaml: web)
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    provider: 'Custom'
    allowConfigFileUpdates: true
    stagingEnvironmentPolicy: 'Enabled'
    enterpriseGradeCdnStatus: 'Disabled'
  }
}

resource linkedBackend 'Microsoft.Web/staticSites/linkedBackends@2024-04-01' = {
  parent: staticWebApp
  name: 'api'
  properties: {
    backendResourceId: backendResourceId
    region: backendLocation
  }
}

output name string = staticWebApp.name
output defaultHostname string = staticWebApp.properties.defaultHostname
output uri string = 'https://${staticWebApp.properties.defaultHostname}'
