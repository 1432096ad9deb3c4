// Railway Infrastructure as Code for autofix: the receiver, the worker and Redis.
// Apply with `railway config plan` then `railway config apply` (Railway CLI).
// Secrets are never written here: preserve() keeps the values set in Railway's dashboard.
import { defineRailway, preserve, project, redis, service, volume } from "railway/iac";

export default defineRailway(() => {
  const cache = redis("redis");
  const workspaces = volume("autofix-data", { sizeMB: 5120 });

  const shared = {
    REDIS_URL: cache.env.REDIS_URL,
    RAILWAY_API_TOKEN: preserve(),
    GITHUB_TOKEN: preserve(),
    OPENAI_API_KEY: preserve(),
  };

  const web = service("autofix-web", {
    start: "autofix serve",
    healthcheck: "/healthz",
    healthcheckTimeout: 60,
    env: {
      ...shared,
      RAILWAY_WEBHOOK_TOKEN: preserve(),
      GITHUB_WEBHOOK_SECRET: preserve(),
      AUTOFIX_DASHBOARD_TOKEN: preserve(),
    },
  });

  const worker = service("autofix-worker", {
    start: "autofix worker",
    volumeMounts: { "/data": workspaces },
    env: shared,
  });

  return project("autofix", { resources: [cache, web, worker, workspaces] });
});
