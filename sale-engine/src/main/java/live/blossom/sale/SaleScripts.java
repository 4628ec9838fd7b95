package live.blossom.sale;

import live.blossom.platform.redis.LuaScript;

/** The Lua scripts of the sale engine: one per transition, each its own resource file. */
public record SaleScripts(LuaScript reserve, LuaScript pay, LuaScript cancel, LuaScript expire,
                          LuaScript create, LuaScript allocate) {

    public static SaleScripts load() {
        return new SaleScripts(script("reserve"), script("pay"), script("cancel"), script("expire"), script("create"),
                script("allocate"));
    }

    private static LuaScript script(String transition) {
        return LuaScript.load("sale/lua", transition);
    }
}
